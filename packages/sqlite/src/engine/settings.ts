import { isAbsolute, resolve } from "node:path";
import type { SettingSpec } from "@blue/store-core";
import type { Synchronous } from "../database/open";

/** The checked settings of `[storage.sqlite]`, as the SQLite engine receives them. */
export interface SqliteEngineSettings {
  /** Absolute path of the database file (`path`, resolved against the project root), or ":memory:". */
  path: string;
  /** How long a writer waits for another process's lock (`busy_timeout_ms`). */
  busyTimeoutMs?: number;
  /** "full" (default; commits survive power loss) or "normal" (`synchronous`). */
  synchronous?: Synchronous;
}

/** What is wrong with a database path, or undefined. */
export function sqlitePathProblem(path: string): string | undefined {
  if (path.length === 0) return 'the path is empty; expected a database file path such as ".blue/blue.db"';
  if (path.includes("\0")) return "the path contains a NUL character";
  if (path.trim() !== path) return `the path ${JSON.stringify(path)} starts or ends with whitespace`;
  if (/[\\/]$/.test(path) || path === "." || path === "..") {
    return `the path ${JSON.stringify(path)} names a folder; expected a database file path such as ".blue/blue.db"`;
  }
  return undefined;
}

/** The settings of `[storage.sqlite]`: keys, types, defaults, checks and environment override. */
export const SQLITE_SETTINGS: { readonly [K in keyof SqliteEngineSettings]-?: SettingSpec } = {
  path: {
    type: "string",
    default: ".blue/blue.db",
    check: sqlitePathProblem,
    env: "BLUE_SQLITE_PATH",
    resolve: (path: string, { projectRoot }) => (path === ":memory:" || isAbsolute(path) ? path : resolve(projectRoot, path)),
    description: 'the database file, relative to the project root; ":memory:" for a private in-memory database',
  },
  busyTimeoutMs: {
    key: "busy_timeout_ms",
    type: "integer",
    min: 0,
    max: 2_147_483_647,
    unit: "milliseconds",
    description: "how long a writer waits for another process's lock (default 5000)",
  },
  synchronous: {
    type: "string",
    values: { full: "commits survive power loss", normal: "faster; commits survive a process crash" },
    noun: "a sync mode",
    description: 'durability of a commit: "full" (default) or "normal"',
  },
};
