import { resolve } from "node:path";
import Database from "better-sqlite3";
import { ConfigError } from "@blue/store-core";
import { toStoreError } from "./errors";
import { checkDatabaseFile, existingDatabaseFile } from "./file-check";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from "./schema";

/** How a file database commits: "full" survives power loss, "normal" survives process crashes. */
export type Synchronous = "full" | "normal";

/** What the header and catalog of a database say about its owner and version. */
interface Identity {
  applicationId: number;
  version: number;
  tables: string[];
}

function identify(db: Database.Database): Identity {
  return {
    applicationId: db.pragma("application_id", { simple: true }) as number,
    version: db.pragma("user_version", { simple: true }) as number,
    tables: db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
      .pluck()
      .all() as string[],
  };
}

/** Refuses a database of another application or of a newer schema; true when it needs migrating. */
function assertOurs(id: Identity, file: string, latest: number = SCHEMA_VERSION): boolean {
  if (id.applicationId !== APPLICATION_ID) {
    if (id.applicationId === 0 && id.tables.length === 0) return true;
    const owner =
      id.tables.length > 0
        ? `it holds tables of another application (${id.tables.slice(0, 5).join(", ")})`
        : `its application_id is ${id.applicationId}`;
    throw new ConfigError(`${file} is not a Blue Store database: ${owner}; it was left untouched`, { details: { file } });
  }
  if (id.version > latest) {
    throw new ConfigError(
      `${file} was written by a newer @blue/store-sqlite (schema version ${id.version}; this version reads up to ${latest}); upgrade @blue/store-sqlite. The file was left untouched`,
      { details: { file, version: id.version, supported: latest } },
    );
  }
  return id.version < latest;
}

/** Looks at an existing file through a read-only connection, so a refused file is never modified. */
function inspect(file: string, busyTimeoutMs: number): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
    assertOurs(identify(db), file);
  } catch (e) {
    throw toStoreError(e, "open", file);
  } finally {
    db?.close();
  }
}

/**
 * Applies the missing migrations in one IMMEDIATE transaction (re-checked under the write
 * lock): all of them and the new `user_version`, or nothing.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly string[] = MIGRATIONS): void {
  const latest = migrations.length;
  if (!assertOurs(identify(db), file, latest)) return;
  db.transaction(() => {
    const id = identify(db);
    if (!assertOurs(id, file, latest)) return;
    for (let v = id.version; v < latest; v++) db.exec(migrations[v]!);
    db.pragma(`user_version = ${latest}`);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
}

/**
 * Opens (creating if absent) a Blue Store database: checks the file, refuses foreign, newer,
 * corrupt or read-only files untouched, then sets WAL, the busy timeout and the sync mode and
 * applies migrations. `:memory:` opens a private in-memory database.
 */
export function openConnection(
  path: string,
  busyTimeoutMs: number,
  synchronous: Synchronous,
  create = true,
): { db: Database.Database; file: string } {
  const inMemory = path === ":memory:";
  const file = inMemory ? path : resolve(path);
  const state = inMemory ? "absent" : create ? checkDatabaseFile(file) : existingDatabaseFile(file);
  if (state === "database") inspect(file, busyTimeoutMs);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: busyTimeoutMs });
    if (!inMemory) db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${synchronous === "full" ? "FULL" : "NORMAL"}`);
    migrate(db, file);
    return { db, file };
  } catch (e) {
    db?.close();
    throw toStoreError(e, "open", file);
  }
}
