import type { Statement } from "better-sqlite3";
import { EXPIRY_SWEEP_BATCH } from "@blue/store-core/engine";
import type { SqliteConnection } from "../database/connection";

type Key = [store: string, pk: string, sk: string];
/** A row as [item JSON, expires_at (ms) or null]. */
export type ItemRow = [string, number | null];

/** Writes between two sweeps of expired rows (the first write of a connection sweeps too). */
const SWEEP_EVERY = 64;

/**
 * The statements every generic store of one connection shares (the schema name is a
 * parameter). `expires_at` is ms since the epoch or NULL; reads pass the store's clock.
 */
export class GenericStatements {
  readonly get: Statement<Key, ItemRow>;
  readonly put: Statement<[...Key, string, number | null]>;
  /** Inserts, or replaces an expired row (`now` last); no change when a live row holds the key. */
  readonly insert: Statement<[...Key, string, number | null, number]>;
  /** Deletes a row, returning its expiry (undefined when there was no row). */
  readonly delete: Statement<Key, { expires_at: number | null }>;
  readonly forward: Statement<[...Key, string, number, number], { sk: string; item: string }>;
  readonly backward: Statement<[...Key, string, number, number], { sk: string; item: string }>;
  private readonly sweepStatement: Statement<[number, number]>;
  private writes = 0;

  constructor(sql: SqliteConnection) {
    const db = sql.db;
    this.get = db
      .prepare<Key, ItemRow>("SELECT item, expires_at FROM items WHERE store = ? AND pk = ? AND sk = ?")
      .raw() as unknown as Statement<Key, ItemRow>;
    const insert =
      "INSERT INTO items (store, pk, sk, item, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (store, pk, sk) DO UPDATE SET item = excluded.item, expires_at = excluded.expires_at";
    this.put = db.prepare(insert);
    this.insert = db.prepare(`${insert} WHERE items.expires_at IS NOT NULL AND items.expires_at <= ?`);
    this.delete = db.prepare("DELETE FROM items WHERE store = ? AND pk = ? AND sk = ? RETURNING expires_at");
    const range =
      "SELECT sk, item FROM items WHERE store = ? AND pk = ? AND sk >= ? AND sk < ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY sk";
    this.forward = db.prepare(`${range} ASC LIMIT ?`);
    this.backward = db.prepare(`${range} DESC LIMIT ?`);
    this.sweepStatement = db.prepare(
      "DELETE FROM items WHERE (store, pk, sk) IN (SELECT store, pk, sk FROM items WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)",
    );
  }

  /**
   * After a write: every SWEEP_EVERY writes, removes up to EXPIRY_SWEEP_BATCH rows expired at
   * `now` (through the expiry index), so expired rows do not pile up; no timer is involved.
   */
  afterWrite(now: () => number): void {
    if (this.writes++ % SWEEP_EVERY !== 0) return;
    this.sweepStatement.run(now(), EXPIRY_SWEEP_BATCH);
  }

  /** Removes up to `limit` expired rows now (tests and maintenance); returns how many. */
  sweep(now: number, limit = EXPIRY_SWEEP_BATCH): number {
    return this.sweepStatement.run(now, limit).changes;
  }
}

/** True when a row of this expiry is live at `now`. */
export const isLive = (expiresAt: number | null | undefined, now: () => number): boolean =>
  expiresAt === null || expiresAt === undefined || expiresAt > now();
