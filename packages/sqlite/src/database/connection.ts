import type Database from "better-sqlite3";
import { closed, type ModelContext } from "@blue/store-core/engine";
import { toStoreError } from "./errors";

/**
 * One open database shared by the stores of a backend: the better-sqlite3 handle, the file it
 * names in errors, the model context (clock, ids) and the closed flag.
 */
export class SqliteConnection {
  private closed = false;

  constructor(
    readonly db: Database.Database,
    readonly file: string,
    readonly ctx: ModelContext,
  ) {}

  /**
   * Runs one store operation: CLOSED first (before any validation), then `fn`; whatever
   * `fn` throws leaves as a StoreError (a SQLite error never reaches the caller).
   */
  run<T>(operation: string, fn: () => T): T {
    if (this.closed) throw closed();
    try {
      return fn();
    } catch (e) {
      throw toStoreError(e, operation, this.file);
    }
  }

  /** A function that runs `fn` in a write transaction begun IMMEDIATE (no SQLITE_BUSY_SNAPSHOT on upgrade). */
  writer<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return this.db.transaction(fn).immediate as (...args: A) => R;
  }

  /** A function that runs `fn` in a read transaction: one consistent snapshot for several reads. */
  reader<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return this.db.transaction(fn).deferred as (...args: A) => R;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.close();
    } catch (e) {
      throw toStoreError(e, "close", this.file);
    }
  }
}
