import { BACKEND_NAMES, type BackendName, type CustomOptionValue } from "./types";
import { configProblem, describeValue, dotted, type ValueOrigin } from "./problem";
import { isLikelyTypo, nearest } from "./nearest";
import {
  CUSTOM_MODULE_FIELD,
  DYNAMODB_FIELDS,
  KIND_WORDS,
  SQLITE_FIELDS,
  STORAGE_KEYS,
  TOP_LEVEL_KEYS,
  type FieldSpec,
} from "./schema";

/** The settings written in a config file, checked but not yet defaulted or resolved. */
export interface FileSettings {
  backend: BackendName;
  sqlite: { path?: string; busyTimeoutMs?: number; synchronous?: "full" | "normal" };
  dynamodb: { tablePrefix?: string; region?: string; endpoint?: string; createTables?: boolean; shards?: number };
  custom?: { module: string; options: Record<string, CustomOptionValue> };
}

type Table = Record<string, unknown>;

/** Reads and checks the `[storage]` settings of a parsed TOML document. */
export class SettingsReader {
  constructor(
    private readonly source: string,
    private readonly text: string,
  ) {}

  origin(path: readonly string[]): ValueOrigin {
    return { kind: "file", source: this.source, text: this.text, path };
  }

  read(document: Table): FileSettings {
    if (Object.keys(document).length === 0) {
      throw configProblem(
        this.origin([]),
        'the file has no settings; expected a [storage] table with backend = "sqlite", "dynamodb", "memory" or "custom" ' +
          "(delete the file to use the default: SQLite at .blue/blue.db)",
      );
    }
    this.rejectUnknownKeys(document, [], TOP_LEVEL_KEYS, "at the top level");
    // Not empty, and every top-level key known: [storage] is there.
    const storage = this.table(document, ["storage"]) as Table;
    this.rejectUnknownKeys(storage, ["storage"], STORAGE_KEYS, "in [storage]");
    const backend = this.readBackend(storage);
    const sqliteTable = this.table(storage, ["storage", "sqlite"]);
    const dynamoTable = this.table(storage, ["storage", "dynamodb"]);
    const customTable = this.table(storage, ["storage", "custom"]);
    const sqlite = sqliteTable === undefined ? {} : this.fields(sqliteTable, ["storage", "sqlite"], SQLITE_FIELDS);
    const dynamodb = dynamoTable === undefined ? {} : this.fields(dynamoTable, ["storage", "dynamodb"], DYNAMODB_FIELDS);
    const settings: FileSettings = {
      backend,
      sqlite: {
        path: sqlite.path as string | undefined,
        busyTimeoutMs: sqlite.busy_timeout_ms as number | undefined,
        synchronous: sqlite.synchronous as "full" | "normal" | undefined,
      },
      dynamodb: {
        tablePrefix: dynamodb.table_prefix as string | undefined,
        region: dynamodb.region as string | undefined,
        endpoint: dynamodb.endpoint as string | undefined,
        createTables: dynamodb.create_tables as boolean | undefined,
        shards: dynamodb.shards as number | undefined,
      },
    };
    if (customTable !== undefined) settings.custom = this.readCustom(customTable);
    return settings;
  }

  private readBackend(storage: Table): BackendName {
    const path = ["storage", "backend"];
    const expected = `expected one of ${BACKEND_NAMES.map((name) => `"${name}"`).join(", ")}`;
    if (!("backend" in storage)) throw configProblem(this.origin(["storage"]), `the key "backend" is missing; ${expected}`, { key: dotted(path) });
    const value = storage.backend;
    if (typeof value !== "string") {
      throw configProblem(this.origin(path), `expected a string naming a backend (${expected.slice(9)}), found ${describeValue(value)}`);
    }
    const problem = backendProblem(value);
    if (problem !== undefined) throw configProblem(this.origin(path), problem);
    return value as BackendName;
  }

  private readCustom(table: Table): FileSettings["custom"] {
    const path = ["storage", "custom"];
    if (!("module" in table)) {
      throw configProblem(this.origin(path), 'the key "module" is missing; expected a package name or a path such as "./my-backend.mjs"', {
        key: dotted([...path, "module"]),
      });
    }
    const module = this.field(table.module, [...path, "module"], CUSTOM_MODULE_FIELD) as string;
    const options: Record<string, CustomOptionValue> = {};
    for (const [key, value] of Object.entries(table)) if (key !== "module") options[key] = value as CustomOptionValue;
    return { module, options };
  }

  /** The sub-table at `path`, or undefined when absent. */
  private table(parent: Table, path: string[]): Table | undefined {
    const value = parent[path[path.length - 1] as string];
    if (value === undefined) return undefined;
    if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date) {
      throw configProblem(this.origin(path), `expected a table ([${dotted(path)}]), found ${describeValue(value)}`);
    }
    return value as Table;
  }

  private fields(table: Table, path: string[], specs: Record<string, FieldSpec>): Record<string, unknown> {
    this.rejectUnknownKeys(table, path, Object.keys(specs), `in [${dotted(path)}]`);
    const values: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(specs)) {
      if (key in table) values[key] = this.field(table[key], [...path, key], spec);
    }
    return values;
  }

  private field(value: unknown, path: string[], spec: FieldSpec): unknown {
    const origin = this.origin(path);
    if (!hasKind(value, spec)) throw configProblem(origin, `expected ${KIND_WORDS[spec.kind]}, found ${describeValue(value)}`);
    const problem = spec.check?.(value as never);
    if (problem !== undefined) throw configProblem(origin, problem);
    return value;
  }

  private rejectUnknownKeys(table: Table, path: string[], known: readonly string[], where: string): void {
    for (const key of Object.keys(table)) {
      if (known.includes(key)) continue;
      const home = KEY_HOMES[key];
      if (home !== undefined && home !== dotted(path)) {
        throw configProblem(this.origin([...path, key]), `unknown key ${where}; ${key} belongs in [${home}]`, { suggestion: `${home}.${key}` });
      }
      const match = nearest(key, known);
      const hint = match !== undefined && isLikelyTypo(key, match) ? `; did you mean ${match.candidate}?` : "";
      throw configProblem(this.origin([...path, key]), `unknown key ${where}${hint} (known keys: ${known.join(", ")})`, {
        suggestion: hint === "" ? undefined : match?.candidate,
      });
    }
  }
}

/** The table each setting belongs in, to redirect a key written in the wrong table. */
const KEY_HOMES: Record<string, string> = {
  backend: "storage",
  ...Object.fromEntries(Object.keys(SQLITE_FIELDS).map((key) => [key, "storage.sqlite"])),
  ...Object.fromEntries(Object.keys(DYNAMODB_FIELDS).map((key) => [key, "storage.dynamodb"])),
  module: "storage.custom",
};

function hasKind(value: unknown, spec: FieldSpec): boolean {
  if (spec.kind === "string") return typeof value === "string";
  if (spec.kind === "boolean") return typeof value === "boolean";
  return typeof value === "number" && Number.isInteger(value);
}

/** What is wrong with a backend name, or undefined for a known one. */
export function backendProblem(name: string): string | undefined {
  if ((BACKEND_NAMES as readonly string[]).includes(name)) return undefined;
  const match = nearest(name, BACKEND_NAMES);
  const hint = match !== undefined && isLikelyTypo(name, match) ? `; did you mean "${match.candidate}"?` : "";
  return `unknown backend ${JSON.stringify(name)}${hint} (known backends: ${BACKEND_NAMES.join(", ")})`;
}
