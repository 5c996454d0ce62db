import { ClosedError } from "@blue/store-core";
import type { Capabilities, JsonShaped, KeySchema, StorageBackend, Store } from "@blue/store-core";
import { assertKeySchema } from "@blue/store-core/engine";
import { connect, type SqliteStorageOptions } from "./options";
import { SqliteDialogueStore } from "./stores/dialogue-store";
import { SqliteDocumentStore } from "./stores/document-store";
import { GenericStatements, SqliteStore } from "./stores/generic-store";
import { SqliteLinkStore } from "./stores/link-store";
import { sqliteCatalog } from "./stores/enumerate";

/** The SQLite backend: a StorageBackend plus the absolute path of its file. */
export interface SqliteStorageBackend extends StorageBackend {
  /** The absolute path of the database file, or ":memory:". */
  readonly file: string;
}

/**
 * Opens (creating when absent) a Blue Store SQLite database and returns the whole contract on it.
 * A foreign, newer, corrupt or read-only file, or a path in a missing folder, is a ConfigError
 * naming the file, and the file is left untouched.
 */
export async function openSqliteStorage(options: SqliteStorageOptions): Promise<SqliteStorageBackend> {
  return connect(options, (sql) => {
    const links = new SqliteLinkStore(sql);
    const generic = new GenericStatements(sql);
    const inMemory = sql.file === ":memory:";
    const capabilities: Capabilities = Object.freeze({ persistent: !inMemory, listConsistency: "strong", multiProcess: !inMemory });
    return {
      name: "sqlite",
      file: sql.file,
      capabilities,
      dialogues: new SqliteDialogueStore(sql, links),
      documents: new SqliteDocumentStore(sql, links),
      links,
      /** Synchronous: CLOSED, then a bad schema (VALIDATION), throw at once (it returns a handle, not a promise). */
      store<T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T> {
        if (sql.isClosed) throw new ClosedError();
        return new SqliteStore<T>(sql, generic, assertKeySchema(schema));
      },
      catalog: sqliteCatalog(sql),
      async close() {
        sql.close();
      },
    };
  });
}
