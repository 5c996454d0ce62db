import { dirname, basename, isAbsolute, resolve } from "node:path";
import { configProblem } from "./problem";
import { DEFAULTS } from "./schema";
import type { FileSettings } from "./settings";
import type { BlueConfig } from "./types";

/** The settings of the embedded default (no config file): SQLite at `.blue/blue.db`. */
export function defaultSettings(): FileSettings {
  return { backend: DEFAULTS.backend, sqlite: {}, dynamodb: {} };
}

/** The project root of a config file at `<root>/.blue/config.toml`, if it sits there. */
export function projectRootOf(configFile: string): string | undefined {
  const folder = dirname(resolve(configFile));
  return basename(folder) === ".blue" ? dirname(folder) : undefined;
}

/**
 * Fills in defaults, makes paths absolute against `projectRoot`, checks the cross-key rule
 * (`backend = "custom"` needs `[storage.custom] module`) and freezes the result.
 */
export function resolveSettings(
  settings: FileSettings,
  context: { projectRoot: string; source: string | null; text: string; overrides: string[] },
): BlueConfig {
  const { projectRoot, source, overrides } = context;
  if (settings.backend === "custom" && settings.custom === undefined) {
    const problem = 'backend "custom" needs a [storage.custom] table with module = "<package or ./path>" exporting createStorage(options)';
    throw overrides.includes("BLUE_STORAGE_BACKEND")
      ? configProblem({ kind: "env", variable: "BLUE_STORAGE_BACKEND", path: ["storage", "backend"] }, problem)
      : configProblem({ kind: "file", source: source ?? "<embedded default>", text: context.text, path: ["storage", "backend"] }, problem);
  }
  const sqlitePath = settings.sqlite.path ?? DEFAULTS.sqlitePath;
  const config: BlueConfig = {
    backend: settings.backend,
    projectRoot,
    source,
    overrides: Object.freeze([...overrides]),
    sqlite: Object.freeze({
      path: sqlitePath === ":memory:" || isAbsolute(sqlitePath) ? sqlitePath : resolve(projectRoot, sqlitePath),
      ...(settings.sqlite.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: settings.sqlite.busyTimeoutMs }),
      ...(settings.sqlite.synchronous === undefined ? {} : { synchronous: settings.sqlite.synchronous }),
    }),
    dynamodb: Object.freeze({
      tablePrefix: settings.dynamodb.tablePrefix ?? DEFAULTS.tablePrefix,
      region: settings.dynamodb.region ?? DEFAULTS.region,
      ...(settings.dynamodb.endpoint === undefined ? {} : { endpoint: settings.dynamodb.endpoint }),
      createTables: settings.dynamodb.createTables ?? DEFAULTS.createTables,
      ...(settings.dynamodb.shards === undefined ? {} : { shards: settings.dynamodb.shards }),
    }),
    ...(settings.custom === undefined
      ? {}
      : { custom: Object.freeze({ module: settings.custom.module, options: Object.freeze({ ...settings.custom.options }) }) }),
  };
  return Object.freeze(config);
}
