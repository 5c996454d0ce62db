import { basename, dirname, resolve } from "node:path";
import type { EngineDescriptor } from "@blue/store-core";
import { loadEngine } from "../engines/load-engine";
import { assertTrusted } from "../trust/file-trust";
import { backendProblem, type DocumentReader, type Table } from "./document";
import { checkEngineSettings, engineHomes, settingEntries } from "./engine-settings";
import { configProblem } from "./problem";
import type { BackendName, BlueConfig, Environment } from "./types";

/** The variable that overrides `storage.backend`. */
export const BACKEND_VARIABLE = "BLUE_STORAGE_BACKEND";

/** The environment variables that can override settings when `engine` is selected, in the order they apply. */
export function environmentVariables(engine: EngineDescriptor): string[] {
  return [BACKEND_VARIABLE, ...settingEntries(engine).flatMap(([, , spec]) => (spec.env === undefined ? [] : [spec.env]))];
}

/** The project root of a config file at `<root>/.blue/config.toml`, if it sits there. */
export function projectRootOf(configFile: string): string | undefined {
  const folder = dirname(resolve(configFile));
  return basename(folder) === ".blue" ? dirname(folder) : undefined;
}

/** What `resolveConfig` works from besides the document. */
export interface ResolveContext {
  projectRoot: string;
  source: string | null;
  env: Environment;
}

/**
 * From the `[storage]` table to a frozen BlueConfig: applies BLUE_STORAGE_BACKEND, loads the
 * selected engine's descriptor (its package, core's memory engine, or the custom module),
 * checks the `[storage]` keys and the engine's table against it, and applies the engine's
 * environment overrides and defaults. Only the selected engine's table is checked.
 */
export async function resolveConfig(
  head: { storage: Table; backend: BackendName },
  reader: DocumentReader,
  context: ResolveContext,
): Promise<BlueConfig> {
  const { projectRoot, source, env } = context;
  const overrides: string[] = [];
  let backend = head.backend;
  const chosen = env[BACKEND_VARIABLE];
  if (chosen !== undefined) {
    const problem = backendProblem(chosen);
    if (problem !== undefined) throw configProblem({ kind: "env", variable: BACKEND_VARIABLE, path: ["storage", "backend"] }, problem);
    backend = chosen as BackendName;
    overrides.push(BACKEND_VARIABLE);
  }
  let module: string | undefined;
  if (backend === "custom") {
    module = reader.readModule(head.storage);
    if (module === undefined) {
      const problem =
        'backend "custom" needs a [storage.custom] table with module = "<package or ./path>" exporting an engine descriptor `engine`';
      throw chosen !== undefined
        ? configProblem({ kind: "env", variable: BACKEND_VARIABLE, path: ["storage", "backend"] }, problem)
        : configProblem(reader.origin(["storage", "backend"]), problem);
    }
  }
  // The file picks the code a custom engine runs: one that others can change is refused before it loads.
  if (module !== undefined && source !== null) await assertTrusted(source, "the config file");
  const engine = await loadEngine(backend, module === undefined ? undefined : { module, projectRoot, source });
  const path = ["storage", backend];
  reader.checkStorageKeys(head.storage, engineHomes(engine, path));
  const table = reader.table(head.storage, path);
  const reserved = backend === "custom" ? ["module"] : [];
  const { settings, applied } = checkEngineSettings(engine, { table, path, reserved, reader, env, projectRoot });
  const config: BlueConfig = {
    backend,
    projectRoot,
    source,
    overrides: Object.freeze([...overrides, ...applied]),
    engine,
    settings: Object.freeze(settings),
    ...(module === undefined ? {} : { module }),
  };
  return Object.freeze(config);
}
