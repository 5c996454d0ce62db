import { realpathSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { ConfigError, defineEngine } from "@blue/store-core";
import { openSqliteStorage } from "../backend";
import { SCHEMA_VERSION } from "../database/schema";
import type { SqliteStorageOptions } from "../options";
import { isolateSqlite, removeSqliteNamespace } from "./namespace";
import { SQLITE_SETTINGS, type SqliteEngineSettings } from "./settings";

/** Creates the database's folder (owner-writable only: config refuses a `.blue/` others can write). */
async function createFolder(path: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ConfigError(`cannot create the folder of the SQLite database ${path}: ${reason}`, {
      cause: e,
      details: { key: "storage.sqlite.path", path },
    });
  }
}

/** The database file's device and inode after resolving links; for a file not there yet, its real folder and name. */
function fileIdentity(path: string): string | undefined {
  if (path === ":memory:") return undefined;
  try {
    const st = statSync(realpathSync(path));
    return `sqlite:${st.dev}:${st.ino}`;
  } catch {
    try {
      return `sqlite-new:${join(realpathSync(dirname(path)), basename(path))}`;
    } catch {
      return `sqlite-new:${path}`;
    }
  }
}

/**
 * The SQLite engine (`backend = "sqlite"`, `[storage.sqlite]`): one database file, created with
 * its folder when absent (unless opened with `create: false`).
 */
export const sqliteEngine = defineEngine<SqliteEngineSettings>({
  name: "sqlite",
  settings: SQLITE_SETTINGS,
  async open(settings, { clock, create }) {
    if (settings.path !== ":memory:" && create) await createFolder(settings.path);
    const options: SqliteStorageOptions = { path: settings.path };
    if (!create) options.create = false;
    if (clock !== undefined) options.clock = clock;
    if (settings.busyTimeoutMs !== undefined) options.busyTimeoutMs = settings.busyTimeoutMs;
    if (settings.synchronous !== undefined) options.synchronous = settings.synchronous;
    return openSqliteStorage(options);
  },
  isolate: isolateSqlite,
  removeNamespace: removeSqliteNamespace,
  describe(settings, { cwd }) {
    const path = settings.path === ":memory:" ? ":memory:" : relative(cwd, settings.path) || settings.path;
    return { line: `sqlite ${path}`, facts: { path } };
  },
  identity: (settings) => fileIdentity(settings.path),
  async doctor(settings) {
    return [
      {
        name: "schema",
        ok: true,
        detail: `${settings.path === ":memory:" ? "in-memory database" : "database file"} at schema version ${SCHEMA_VERSION}`,
      },
    ];
  },
});
