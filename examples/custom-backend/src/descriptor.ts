import { mkdtemp, rmdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { defineEngine } from "@blue/store-core";
import { openJsonFileStorage, removeJsonFileStorage } from "./backend";

/** The settings of `[storage.custom]` (besides `module`) this engine takes. */
export interface JsonFileEngineSettings {
  /** The JSON file, relative to the project root (`file`). */
  file: string;
}

/**
 * The engine descriptor `@blue/store-config` opens this backend through: with
 * `backend = "custom"` and `[storage.custom] module = "<this package>"`, `file = "…"` is
 * checked, defaulted and resolved like a built-in engine's setting, and `blue-store
 * conformance` runs the kit in namespaces `isolate` makes.
 */
export const engine = defineEngine<JsonFileEngineSettings>({
  name: "json-file",
  settings: {
    file: {
      type: "string",
      default: ".blue/store.json",
      env: "BLUE_JSON_FILE",
      check: (file: string) => (file.endsWith(".json") ? undefined : `${JSON.stringify(file)} is not a .json file`),
      resolve: (file: string, { projectRoot }) => (isAbsolute(file) ? file : resolve(projectRoot, file)),
      description: "the JSON file that holds the data",
    },
  },
  open: (settings, { clock }) => openJsonFileStorage({ file: settings.file, ...(clock === undefined ? {} : { clock }) }),
  async isolate(_settings, namespace) {
    return { file: join(await mkdtemp(join(tmpdir(), "blue-json-ns-")), `${namespace}.json`) };
  },
  async removeNamespace(settings) {
    await removeJsonFileStorage(settings.file);
    await rmdir(dirname(settings.file)).catch(() => undefined);
  },
  describe: (settings, { cwd }) => ({ line: `json-file ${relative(cwd, settings.file)}`, facts: { file: relative(cwd, settings.file) } }),
});
