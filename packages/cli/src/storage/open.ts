import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { createStorage, loadConfig, parseConfig, type BlueConfig } from "@blue/store-config";
import type { StorageBackend } from "@blue/store-core";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";

/** Where the configuration comes from: the project folder and the environment. */
export interface ConfigInput {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The configuration of the project at `cwd` (`.blue/config.toml`, or the embedded default). */
export async function loadProjectConfig(input: ConfigInput): Promise<BlueConfig> {
  return loadConfig({ cwd: input.cwd, env: input.env });
}

/** Opens the storage a configuration describes; `create: false` opens existing storage only. */
export async function openConfig(config: BlueConfig, options: { create?: boolean } = {}): Promise<StorageBackend> {
  return createStorage(config, options.create === false ? { create: false } : {});
}

/**
 * The environment without Blue Store's overrides (`BLUE_*`): a file named explicitly (the
 * migration target) must mean what it says, not what the source's environment overrides.
 */
export function withoutOverrides(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("BLUE_")));
}

/** Reads and validates a config file named on the command line (BLUE_* overrides do not apply). */
export async function loadConfigFile(file: string, input: ConfigInput): Promise<BlueConfig> {
  const path = resolve(input.cwd, file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new CliError(
      `cannot read the config file ${file}: ${reason}`,
      EXIT.USAGE,
      "pass the path of a .toml file with a [storage] table",
      { cause: e },
    );
  }
  // Relative paths in the file resolve against the folder holding .blue/ (a .blue/config.toml)
  // or else against the file's own folder.
  const folder = dirname(path);
  const projectRoot = basename(folder) === ".blue" ? dirname(folder) : folder;
  return parseConfig(text, { source: path, projectRoot, env: withoutOverrides(input.env) });
}
