import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { ConfigError, type StorageBackend } from "@blue/store-core";
import { asStoreError } from "@blue/store-core/engine";
import type { SqliteSettings } from "../config/types";
import { SQLITE_ENGINE, loadEngineFactory } from "./optional-package";

/** The options `openSqliteStorage` of `@blue/store-sqlite` takes (declared here, so the
 * published types never name a type of the optional peer package). */
interface SqliteOpenOptions {
  path: string;
  clock?: () => Date;
  busyTimeoutMs?: number;
  synchronous?: "full" | "normal";
  create?: boolean;
}
type OpenSqlite = (options: SqliteOpenOptions) => StorageBackend | Promise<StorageBackend>;

/**
 * Opens `@blue/store-sqlite` at the configured path, creating its folder first; with
 * `create: false` an existing database only (no folder, no file is created).
 */
export async function openSqliteEngine(settings: SqliteSettings, clock?: () => Date, create = true): Promise<StorageBackend> {
  const open = await loadEngineFactory<OpenSqlite>(SQLITE_ENGINE);
  if (settings.path !== ":memory:" && create) {
    const folder = dirname(settings.path);
    try {
      // Writable by its owner only: a .blue/ folder others can write is refused (trust/file-trust.ts).
      await mkdir(folder, { recursive: true, mode: 0o755 });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new ConfigError(`cannot create the folder of the SQLite database ${settings.path}: ${reason}`, {
        cause: e,
        details: { key: "storage.sqlite.path", path: settings.path },
      });
    }
  }
  const options: SqliteOpenOptions = { path: settings.path };
  if (!create) options.create = false;
  if (clock !== undefined) options.clock = clock;
  if (settings.busyTimeoutMs !== undefined) options.busyTimeoutMs = settings.busyTimeoutMs;
  if (settings.synchronous !== undefined) options.synchronous = settings.synchronous;
  try {
    return await open(options);
  } catch (e) {
    throw asStoreError(e, `cannot open the SQLite database ${settings.path}`);
  }
}
