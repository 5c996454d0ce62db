import type { Statement } from "better-sqlite3";
import type { JsonObject } from "@blue/store-core";
import { clockMs, type GenericItemRecord, type GenericStoreCatalog } from "@blue/store-core/engine";
import type { SqliteConnection } from "../database/connection";

/** Rows per read of the items table while enumerating (an item is at most 350 KiB). */
const PAGE = 100;

type Row = { pk: string; sk: string; item: string; expires_at: number | null };

/**
 * The SQLite generic-store catalog: keyset pages over the `items` primary key (store, pk, sk),
 * whose BINARY collation is UTF-8 byte order, the contract's order. One page in memory at a time;
 * items expired by the store's clock are left out, the others carry their expiry.
 */
export function sqliteCatalog(sql: SqliteConnection): GenericStoreCatalog {
  let statements:
    | { names: Statement<[], string>; first: Statement<[string, number], Row>; next: Statement<[string, string, string, number], Row> }
    | undefined;
  const st = () =>
    (statements ??= {
      names: sql.db.prepare<[], string>("SELECT DISTINCT store FROM items ORDER BY store").pluck(),
      first: sql.db.prepare<[string, number], Row>("SELECT pk, sk, item, expires_at FROM items WHERE store = ? ORDER BY pk, sk LIMIT ?"),
      next: sql.db.prepare<[string, string, string, number], Row>(
        "SELECT pk, sk, item, expires_at FROM items WHERE store = ? AND (pk, sk) > (?, ?) ORDER BY pk, sk LIMIT ?",
      ),
    });
  return {
    async storeNames() {
      return sql.run("catalog.storeNames", () => st().names.all());
    },
    async *items(store: string): AsyncGenerator<GenericItemRecord> {
      let last: Row | undefined;
      for (;;) {
        const after = last;
        const rows = sql.run("catalog.items", () =>
          after === undefined ? st().first.all(store, PAGE) : st().next.all(store, after.pk, after.sk, PAGE),
        );
        const now = clockMs(sql.ctx);
        for (const r of rows) {
          if (r.expires_at !== null && r.expires_at <= now) continue; // expired by the store's clock
          const expiry = r.expires_at === null ? {} : { expiresAt: new Date(r.expires_at).toISOString() };
          yield { store, pk: r.pk, sk: r.sk, item: JSON.parse(r.item) as JsonObject, ...expiry };
        }
        if (rows.length < PAGE) return;
        last = rows[rows.length - 1];
      }
    },
  };
}
