import { ConfigError, type BackendOptions } from "@blue/store-core";
import { createModelContext } from "@blue/store-core/engine";
import { SqliteConnection } from "./database/connection";
import { openConnection, type Synchronous } from "./database/open";

/** Options of `openSqliteStorage` and of the per-store classes' `open`. */
export interface SqliteStorageOptions extends BackendOptions {
  /** The database file (created when absent; its folder must exist), or ":memory:". */
  path: string;
  /** How long a write waits for another connection's lock before failing UNAVAILABLE. Default 5000. */
  busyTimeoutMs?: number;
  /**
   * "full" (default): a commit is on disk before the call resolves, surviving power loss.
   * "normal": WAL commits survive a crash of the process, not of the machine; faster.
   */
  synchronous?: Synchronous;
  /**
   * true (default): create the database file when it is absent. false: open an existing
   * database only; an absent or empty file is a ConfigError (`details.missing: true`) and
   * nothing is created (read-only tools, dry runs).
   */
  create?: boolean;
}

/** The default busy timeout: a writer waits up to 5 s for another connection's lock. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

function checkOptions(options: SqliteStorageOptions): Required<Omit<SqliteStorageOptions, "clock">> & BackendOptions {
  if (typeof options !== "object" || options === null) throw new ConfigError("openSqliteStorage: options must be an object like { path }");
  const { path, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS, synchronous = "full", clock, create = true } = options;
  if (typeof path !== "string" || path.length === 0) {
    throw new ConfigError('openSqliteStorage: path must be a file path or ":memory:"', { details: { field: "path" } });
  }
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new ConfigError("openSqliteStorage: busyTimeoutMs must be a non-negative integer (milliseconds)", {
      details: { field: "busyTimeoutMs" },
    });
  }
  if (synchronous !== "full" && synchronous !== "normal") {
    throw new ConfigError('openSqliteStorage: synchronous must be "full" or "normal"', { details: { field: "synchronous" } });
  }
  if (clock !== undefined && typeof clock !== "function") {
    throw new ConfigError("openSqliteStorage: clock must be a function returning a Date", { details: { field: "clock" } });
  }
  if (typeof create !== "boolean") throw new ConfigError("openSqliteStorage: create must be a boolean", { details: { field: "create" } });
  return { path, busyTimeoutMs, synchronous, clock, create };
}

/**
 * Validates the options, opens the connection every store of one backend shares, and builds
 * the stores on it with `build` (which prepares their statements). A file whose schema lacks
 * what its version promises fails here as a ConfigError naming the file, and is closed.
 */
export function connect<T>(options: SqliteStorageOptions, build: (sql: SqliteConnection) => T): T {
  const o = checkOptions(options);
  const { db, file } = openConnection(o.path, o.busyTimeoutMs, o.synchronous, o.create);
  const sql = new SqliteConnection(db, file, createModelContext(o.clock));
  try {
    return build(sql);
  } catch (e) {
    sql.close();
    const reason = e instanceof Error ? e.message : String(e);
    throw new ConfigError(`the database ${file} does not have the Blue Store schema its version promises (${reason})`, {
      cause: e,
      details: { file },
    });
  }
}
