/**
 * @blue/store-sqlite: the embedded Blue Store backend on SQLite (better-sqlite3): WAL,
 * IMMEDIATE write transactions, versioned migrations, FTS5 search ranked as the contract says.
 */
export { openSqliteStorage, type SqliteStorageBackend } from "./backend";
export { DEFAULT_BUSY_TIMEOUT_MS, type SqliteStorageOptions } from "./options";
export type { Synchronous } from "./database/open";
export { APPLICATION_ID, SCHEMA_VERSION } from "./database/schema";
export { SqliteDialogueStore } from "./stores/dialogue-store";
export { SqliteDocumentStore } from "./stores/document-store";
export { SqliteLinkStore } from "./stores/link-store";
export { SqliteStore } from "./stores/generic-store";
export { sqliteEngine, sqliteEngine as engine } from "./engine/descriptor";
export { SQLITE_SETTINGS, sqlitePathProblem, type SqliteEngineSettings } from "./engine/settings";
