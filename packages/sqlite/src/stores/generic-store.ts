import { METHOD_OPTIONS } from "@blue/store-core/engine";
import type {
  ExpiryOptions,
  ItemKey,
  IterateOptions,
  KeySchema,
  Page,
  PageRequest,
  PutOptions,
  QueryOptions,
  Store,
  TransactOp,
} from "@blue/store-core";
import {
  assertItemKey,
  assertKeyList,
  checkOptions,
  assertQueryKey,
  clockMs,
  compareUtf8,
  decodeStoreCursor,
  encodeStoreCursor,
  expiryOf,
  itemKeyId,
  iterateStore,
  pageLimit,
  prepareItem,
  prepareItems,
  prepareTransact,
  prepareWrite,
  transactConditionFailed,
  transactConditionHolds,
  alreadyExists,
  closed,
  type PreparedItem,
} from "@blue/store-core/engine";
import type { SqliteConnection } from "../database/connection";
import { isLive, type GenericStatements } from "./generic-sql";
import { ABOVE_EVERY_KEY, keyAfter, prefixSuccessor } from "./key-range";

export { GenericStatements } from "./generic-sql";

const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * A generic store on the `items` table: rows keyed (schema name, pk, sk), the item as JSON,
 * `expires_at` in ms (NULL: never). Batches and transactions run in one IMMEDIATE transaction.
 */
export class SqliteStore<T extends object> implements Store<T> {
  private readonly now: () => number;

  constructor(
    private readonly sql: SqliteConnection,
    private readonly st: GenericStatements,
    private readonly schema: KeySchema<T>,
  ) {
    this.now = () => clockMs(sql.ctx);
  }

  /** CLOSED before any (possibly asynchronous) validation. */
  private checkOpen(): void {
    if (this.sql.isClosed) throw closed();
  }

  private readonly readMany = (keys: ItemKey[]): Array<T | null> => {
    let now: number | undefined;
    return keys.map((k) => {
      const row = this.st.get.get(this.schema.name, k.pk, k.sk);
      if (row === undefined) return null;
      if (row[1] !== null && row[1] <= (now ??= this.now())) return null;
      return JSON.parse(row[0]) as T;
    });
  };

  async get(pk: string, sk: string): Promise<T | null> {
    return this.sql.run("get", () => {
      const key = assertItemKey(pk, sk);
      const row = this.st.get.get(this.schema.name, key.pk, key.sk);
      if (row === undefined || (row[1] !== null && row[1] <= this.now())) return null;
      return JSON.parse(row[0]) as T;
    });
  }

  async put(item: T, options?: PutOptions): Promise<void> {
    if (this.schema.validator) {
      this.checkOpen();
      checkOptions(METHOD_OPTIONS.put, options);
      item = (await prepareWrite(this.schema, item, "item")).item;
    }
    return this.sql.run("put", () => {
      const opts = options === undefined ? NO_OPTIONS : checkOptions(METHOD_OPTIONS.put, options);
      const p = prepareItem(this.schema, item);
      const expiresAt =
        opts === NO_OPTIONS || (opts.ttlSeconds === undefined && opts.expiresAt === undefined) ? null : expiryOf(opts, this.now)!;
      if (opts.ifNotExists !== true) {
        this.st.put.run(this.schema.name, p.pk, p.sk, p.json, expiresAt);
      } else if (this.st.insert.run(this.schema.name, p.pk, p.sk, p.json, expiresAt, this.now()).changes === 0) {
        throw alreadyExists("item", { store: this.schema.name, pk: p.pk, sk: p.sk });
      }
      this.st.afterWrite(this.now);
    });
  }

  async delete(pk: string, sk: string): Promise<boolean> {
    return this.sql.run("delete", () => {
      const key = assertItemKey(pk, sk);
      const old = this.st.delete.get(this.schema.name, key.pk, key.sk);
      this.st.afterWrite(this.now);
      return old !== undefined && isLive(old.expires_at, this.now);
    });
  }

  /** Live rows of `pk` with `sk` in [from, below), in sk order (descending when reverse). */
  private range(pk: string, from: string, below: string, reverse: boolean, limit: number): { sk: string; item: string }[] {
    return (reverse ? this.st.backward : this.st.forward).all(this.schema.name, pk, from, below, this.now(), limit);
  }

  async query(pk: string, skPrefix: string, options?: QueryOptions): Promise<T[]> {
    return this.sql.run("query", () => {
      const key = assertQueryKey(pk, skPrefix);
      const opts = checkOptions(METHOD_OPTIONS.query, options);
      const limit = opts.limit ?? -1;
      const below = prefixSuccessor(key.skPrefix) ?? ABOVE_EVERY_KEY;
      return this.range(key.pk, key.skPrefix, below, opts.reverse === true, limit).map((r) => JSON.parse(r.item) as T);
    });
  }

  async queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>> {
    return this.sql.run("queryPage", () => {
      const key = assertQueryKey(pk, skPrefix);
      const opts = checkOptions(METHOD_OPTIONS.queryPage, options);
      const reverse = opts.reverse === true;
      const limit = pageLimit(opts.limit);
      const after = decodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, opts.cursor);
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

  async getMany(keys: ReadonlyArray<ItemKey>): Promise<Array<T | null>> {
    return this.sql.run("getMany", () => this.sql.reader(this.readMany)(assertKeyList(keys)));
  }

  async putMany(items: readonly T[], options?: ExpiryOptions): Promise<void> {
    this.checkOpen();
    const opts = checkOptions(METHOD_OPTIONS.putMany, options);
    const prepared = await prepareItems(this.schema, items);
    const expiresAt = expiryOf(opts, this.now) ?? null;
    return this.sql.run("putMany", () =>
      this.sql.writer((list: PreparedItem<T>[]) => {
        for (const p of list) this.st.put.run(this.schema.name, p.pk, p.sk, p.json, expiresAt);
        this.st.afterWrite(this.now);
      })(prepared),
    );
  }

  async deleteMany(keys: ReadonlyArray<ItemKey>): Promise<number> {
    return this.sql.run("deleteMany", () => {
      const distinct = [...new Map(assertKeyList(keys).map((k) => [itemKeyId(k.pk, k.sk), k])).values()];
      return this.sql.writer((list: ItemKey[]) => {
        let existed = 0;
        for (const k of list) {
          const old = this.st.delete.get(this.schema.name, k.pk, k.sk);
          if (old !== undefined && isLive(old.expires_at, this.now)) existed++;
        }
        this.st.afterWrite(this.now);
        return existed;
      })(distinct);
    });
  }

  async transact(ops: ReadonlyArray<TransactOp<T>>): Promise<void> {
    this.checkOpen();
    const prepared = await prepareTransact(this.schema, ops, this.now);
    return this.sql.run("transact", () =>
      this.sql.writer(() => {
        for (const op of prepared) {
          const row = this.st.get.get(this.schema.name, op.pk, op.sk);
          if (!transactConditionHolds(op, row !== undefined && isLive(row[1], this.now))) throw transactConditionFailed(op);
        }
        for (const op of prepared) {
          if (op.kind === "put") this.st.put.run(this.schema.name, op.pk, op.sk, op.prepared.json, op.expiresAt ?? null);
          else if (op.kind === "delete") this.st.delete.get(this.schema.name, op.pk, op.sk);
        }
        this.st.afterWrite(this.now);
      })(),
    );
  }

  iterate(pk: string, skPrefix: string, options?: IterateOptions): AsyncIterable<T> {
    return iterateStore(this, pk, skPrefix, options);
  }
}
