import { checkBusyTimeout, checkEndpoint, checkModule, checkRegion, checkShards, checkSqlitePath, checkSynchronous, checkTablePrefix } from "./checks";

/** The TOML type a setting must have. */
export type FieldKind = "string" | "boolean" | "integer";

/** One key of a `[storage.*]` table: its TOML type and its value check. */
export interface FieldSpec {
  kind: FieldKind;
  check?: (value: never) => string | undefined;
}

/** What "expected …" says for each kind. */
export const KIND_WORDS: Record<FieldKind, string> = {
  string: "a string",
  boolean: "a boolean (true or false)",
  integer: "an integer",
};

/** The keys allowed at the top level of `.blue/config.toml`. */
export const TOP_LEVEL_KEYS = ["storage"] as const;

/** The keys allowed in `[storage]`. */
export const STORAGE_KEYS = ["backend", "sqlite", "dynamodb", "custom"] as const;

export const SQLITE_FIELDS: Record<string, FieldSpec> = {
  path: { kind: "string", check: checkSqlitePath },
  busy_timeout_ms: { kind: "integer", check: checkBusyTimeout },
  synchronous: { kind: "string", check: checkSynchronous },
};

export const DYNAMODB_FIELDS: Record<string, FieldSpec> = {
  table_prefix: { kind: "string", check: checkTablePrefix },
  region: { kind: "string", check: checkRegion },
  endpoint: { kind: "string", check: checkEndpoint },
  create_tables: { kind: "boolean" },
  shards: { kind: "integer", check: checkShards },
};

/** `[storage.custom]` checks `module` only; its other keys are the module's options. */
export const CUSTOM_MODULE_FIELD: FieldSpec = { kind: "string", check: checkModule };

/** The embedded default: SQLite in the project's `.blue` folder. */
export const DEFAULTS = {
  backend: "sqlite",
  sqlitePath: ".blue/blue.db",
  tablePrefix: "blue_",
  region: "us-east-1",
  createTables: false,
} as const;
