import { mkdtemp, rm, rmdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import type { SqliteEngineSettings } from "./settings";

const FOLDER_PREFIX = "blue-store-ns-";

/** Settings for a fresh database in a new temporary folder (":memory:" stays private already). */
export async function isolateSqlite(settings: SqliteEngineSettings, namespace: string): Promise<SqliteEngineSettings> {
  if (settings.path === ":memory:") return { ...settings };
  const folder = await mkdtemp(join(tmpdir(), FOLDER_PREFIX));
  return { ...settings, path: join(folder, `${namespace.replace(/[^A-Za-z0-9_.-]/g, "_")}.db`) };
}

/** Deletes the database file and its WAL, shared-memory and journal files, and the folder `isolateSqlite` made. */
export async function removeSqliteNamespace(settings: SqliteEngineSettings): Promise<void> {
  if (settings.path === ":memory:") return;
  await Promise.all(["", "-wal", "-shm", "-journal"].map((suffix) => rm(`${settings.path}${suffix}`, { force: true })));
  const folder = dirname(settings.path);
  // Only the folder isolateSqlite created, and only when it is empty.
  if (dirname(folder) === tmpdir() && basename(folder).startsWith(FOLDER_PREFIX)) await rmdir(folder).catch(() => undefined);
}
