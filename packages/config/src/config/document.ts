import { BACKEND_NAMES, type BackendName } from "./types";
import { configProblem, describeValue, dotted, type ValueOrigin } from "./problem";
import { isLikelyTypo, nearest } from "./nearest";
import { STORAGE_KEYS, TOP_LEVEL_KEYS, TYPE_WORDS, moduleProblem } from "./schema";

/** A TOML table. */
export type Table = Record<string, unknown>;

/** The table each key belongs in (dotted), to redirect a key written in the wrong table. */
export type KeyHomes = Readonly<Record<string, string>>;

/** Where the generic keys live. */
export const GENERIC_HOMES: KeyHomes = { backend: "storage", module: "storage.custom" };

/**
 * Reads the engine-independent part of a parsed `.blue/config.toml` (`[storage]`, `backend`,
 * `[storage.custom] module`) and checks keys against what is known, saying where each
 * problem is (file:line:column) and what was probably meant.
 */
export class DocumentReader {
  constructor(
    readonly source: string,
    private readonly text: string,
  ) {}

  origin(path: readonly string[]): ValueOrigin {
    return { kind: "file", source: this.source, text: this.text, path };
  }

  /** The `[storage]` table and the backend the file names. */
  readHead(document: Table): { storage: Table; backend: BackendName } {
    if (Object.keys(document).length === 0) {
      throw configProblem(
        this.origin([]),
        `the file has no settings; expected a [storage] table with backend = ${quotedList(BACKEND_NAMES)} ` +
          "(delete the file to use the default: SQLite at .blue/blue.db)",
      );
    }
    this.rejectUnknownKeys(document, [], TOP_LEVEL_KEYS, "at the top level", GENERIC_HOMES);
    // Not empty, and every top-level key known: [storage] is there.
    const storage = this.table(document, ["storage"]) as Table;
    return { storage, backend: this.readBackend(storage) };
  }

  /** `[storage.custom] module`, or undefined when there is no `[storage.custom]` table. */
  readModule(storage: Table): string | undefined {
    const path = ["storage", "custom"];
    const table = this.table(storage, path);
    if (table === undefined) return undefined;
    if (!("module" in table)) {
      throw configProblem(this.origin(path), 'the key "module" is missing; expected a package name or a path such as "./my-backend.mjs"', {
        key: dotted([...path, "module"]),
      });
    }
    const origin = this.origin([...path, "module"]);
    if (typeof table.module !== "string")
      throw configProblem(origin, `expected ${TYPE_WORDS.string}, found ${describeValue(table.module)}`);
    const problem = moduleProblem(table.module);
    if (problem !== undefined) throw configProblem(origin, problem);
    return table.module;
  }

  private readBackend(storage: Table): BackendName {
    const path = ["storage", "backend"];
    const expected = `expected one of ${BACKEND_NAMES.map((name) => `"${name}"`).join(", ")}`;
    if (!("backend" in storage))
      throw configProblem(this.origin(["storage"]), `the key "backend" is missing; ${expected}`, { key: dotted(path) });
    const value = storage.backend;
    if (typeof value !== "string") {
      throw configProblem(this.origin(path), `expected a string naming a backend (${expected.slice(9)}), found ${describeValue(value)}`);
    }
    const problem = backendProblem(value);
    if (problem !== undefined) throw configProblem(this.origin(path), problem);
    return value as BackendName;
  }

  /** The sub-table at `path` of `parent`, or undefined when absent. */
  table(parent: Table, path: string[]): Table | undefined {
    const value = parent[path[path.length - 1] as string];
    if (value === undefined) return undefined;
    if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date) {
      throw configProblem(this.origin(path), `expected a table ([${dotted(path)}]), found ${describeValue(value)}`);
    }
    return value as Table;
  }

  /** Refuses a key not in `known`: "belongs in [table]" when `homes` knows it, else "did you mean". */
  rejectUnknownKeys(table: Table, path: string[], known: readonly string[], where: string, homes: KeyHomes): void {
    for (const key of Object.keys(table)) {
      if (known.includes(key)) continue;
      const home = homes[key];
      if (home !== undefined && home !== dotted(path)) {
        throw configProblem(this.origin([...path, key]), `unknown key ${where}; ${key} belongs in [${home}]`, {
          suggestion: `${home}.${key}`,
        });
      }
      const match = nearest(key, known);
      const hint = match !== undefined && isLikelyTypo(key, match) ? `; did you mean ${match.candidate}?` : "";
      const list = known.length === 0 ? "it takes no settings" : `known keys: ${known.join(", ")}`;
      throw configProblem(this.origin([...path, key]), `unknown key ${where}${hint} (${list})`, {
        suggestion: hint === "" ? undefined : match?.candidate,
      });
    }
  }

  /** Checks the keys of `[storage]`: the backend and the engines' tables. */
  checkStorageKeys(storage: Table, homes: KeyHomes): void {
    this.rejectUnknownKeys(storage, ["storage"], STORAGE_KEYS, "in [storage]", homes);
  }
}

/** "a", "b" or "c". */
function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => JSON.stringify(name));
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** What is wrong with a backend name, or undefined for a known one. */
export function backendProblem(name: string): string | undefined {
  if ((BACKEND_NAMES as readonly string[]).includes(name)) return undefined;
  const match = nearest(name, BACKEND_NAMES);
  const hint = match !== undefined && isLikelyTypo(name, match) ? `; did you mean "${match.candidate}"?` : "";
  return `unknown backend ${JSON.stringify(name)}${hint} (known backends: ${BACKEND_NAMES.join(", ")})`;
}
