import type { Statement } from "better-sqlite3";
import {
  ConflictError,
  LIMITS,
  assertInteger,
  assertItemKey,
  assertOptions,
  assertQueryKey,
  compareUtf8,
  decodeStoreCursor,
  encodeStoreCursor,
  pageLimit,
  prepareItem,
  type JsonObject,
  type KeySchema,
  type Page,
  type PageRequest,
  type QueryOptions,
  type Store,
} from "@blue/store-core";
import type { SqliteConnection } from "../database/connection";
import { ABOVE_EVERY_KEY, keyAfter, prefixSuccessor } from "./key-range";

/** The statements every generic store of one connection shares (the schema name is a parameter). */
export class GenericStatements {
  readonly get: Statement<[string, string, string], string>;
  readonly put: Statement<[string, string, string, string]>;
  readonly insert: Statement<[string, string, string, string]>;
  readonly delete: Statement<[string, string, string]>;
  readonly forward: Statement<[string, string, string, string, number], { sk: string; item: string }>;
  readonly backward: Statement<[string, string, string, string, number], { sk: string; item: string }>;

  constructor(sql: SqliteConnection) {
    const db = sql.db;
    this.get = db.prepare<[string, string, string], string>("SELECT item FROM items WHERE store = ? AND pk = ? AND sk = ?").pluck();
    this.put = db.prepare(
      "INSERT INTO items (store, pk, sk, item) VALUES (?, ?, ?, ?) ON CONFLICT (store, pk, sk) DO UPDATE SET item = excluded.item",
    );
    this.insert = db.prepare("INSERT INTO items (store, pk, sk, item) VALUES (?, ?, ?, ?) ON CONFLICT (store, pk, sk) DO NOTHING");
    this.delete = db.prepare("DELETE FROM items WHERE store = ? AND pk = ? AND sk = ?");
    const range = "SELECT sk, item FROM items WHERE store = ? AND pk = ? AND sk >= ? AND sk < ? ORDER BY sk";
    this.forward = db.prepare(`${range} ASC LIMIT ?`);
    this.backward = db.prepare(`${range} DESC LIMIT ?`);
  }
}

/** A generic store on the `items` table: rows keyed (schema name, pk, sk), the item as JSON. */
export class SqliteStore<T extends JsonObject> implements Store<T> {
  constructor(
    private readonly sql: SqliteConnection,
    private readonly st: GenericStatements,
    private readonly schema: KeySchema<T>,
  ) {}

  async get(pk: string, sk: string): Promise<T | null> {
    return this.sql.run("get", () => {
      const key = assertItemKey(pk, sk);
      const json = this.st.get.get(this.schema.name, key.pk, key.sk);
      return json === undefined ? null : (JSON.parse(json) as T);
    });
  }

  async put(item: T, options?: { ifNotExists?: boolean }): Promise<void> {
    return this.sql.run("put", () => {
      const opts = assertOptions(options);
      const p = prepareItem(this.schema, item);
      if (opts.ifNotExists !== true) {
        this.st.put.run(this.schema.name, p.pk, p.sk, p.json);
      } else if (this.st.insert.run(this.schema.name, p.pk, p.sk, p.json).changes === 0) {
        throw new ConflictError("ALREADY_EXISTS", `an item with this key already exists in store ${this.schema.name}`);
      }
    });
  }

  async delete(pk: string, sk: string): Promise<boolean> {
    return this.sql.run("delete", () => {
      const key = assertItemKey(pk, sk);
      return this.st.delete.run(this.schema.name, key.pk, key.sk).changes > 0;
    });
  }

  /** Rows of `pk` with `sk` in [from, below), in sk order (descending when reverse). */
  private range(pk: string, from: string, below: string, reverse: boolean, limit: number): { sk: string; item: string }[] {
    return (reverse ? this.st.backward : this.st.forward).all(this.schema.name, pk, from, below, limit);
  }

  async query(pk: string, skPrefix: string, options?: QueryOptions): Promise<T[]> {
    return this.sql.run("query", () => {
      const key = assertQueryKey(pk, skPrefix);
      const opts = assertOptions(options);
      const limit = opts.limit === undefined ? -1 : assertInteger(opts.limit, "limit", 1, LIMITS.pageMaxLimit);
      const below = prefixSuccessor(key.skPrefix) ?? ABOVE_EVERY_KEY;
      return this.range(key.pk, key.skPrefix, below, opts.reverse === true, limit).map((r) => JSON.parse(r.item) as T);
    });
  }

  async queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>> {
    return this.sql.run("queryPage", () => {
      const key = assertQueryKey(pk, skPrefix);
      const opts = assertOptions(options);
      const reverse = opts.reverse === true;
      const limit = pageLimit(opts.limit);
      const after = decodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, opts.cursor as string | undefined);
      let from = key.skPrefix;
      let below = prefixSuccessor(key.skPrefix) ?? ABOVE_EVERY_KEY;
      if (after !== undefined && reverse && compareUtf8(after, below) < 0) below = after;
      if (after !== undefined && !reverse && compareUtf8(keyAfter(after), from) > 0) from = keyAfter(after);
      const rows = this.range(key.pk, from, below, reverse, limit + 1);
      const items = rows.slice(0, limit).map((r) => JSON.parse(r.item) as T);
      if (rows.length <= limit) return { items };
      const last = rows[limit - 1]!.sk;
      return { items, cursor: encodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, last) };
    });
  }
}
