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
  checkOptions,
  METHOD_OPTIONS,
  assertItemKey,
  assertKeyList,
  assertQueryKey,
  clockMs,
  compareUtf8,
  decodeStoreCursor,
  encodeKey,
  encodeStoreCursor,
  expiryOf,
  itemKeyId,
  iterateStore,
  pageLimit,
  pageOf,
  prepareItem,
  prepareItems,
  prepareTransact,
  prepareWrite,
  transactConditionFailed,
  transactConditionHolds,
  alreadyExists,
  type ModelContext,
} from "@blue/store-core/engine";
import type { FileEngine } from "./file-engine";
import type { State, StoredItem } from "./state";

/**
 * A generic store on the file engine. Partitions are keyed by core's `encodeKey([name, pk])`,
 * which escapes delimiters, so no name or key can reach another store's or partition's items.
 * Expired items are filtered by the store's clock and dropped from a partition when it is written.
 */
export class FileStore<T extends object> implements Store<T> {
  private readonly now: () => number;

  constructor(
    private readonly engine: FileEngine,
    private readonly ctx: ModelContext,
    private readonly schema: KeySchema<T>,
  ) {
    this.now = () => clockMs(this.ctx);
  }

  private partitionId(pk: string): string {
    return encodeKey([this.schema.name, pk]);
  }

  private live(s: State, pk: string, sk: string, now: number): StoredItem | undefined {
    const item = s.items[this.partitionId(pk)]?.[sk];
    return item === undefined || (item.x !== undefined && item.x <= now) ? undefined : item;
  }

  private set(s: State, pk: string, sk: string, json: string, expiresAt: number | undefined, now: number): void {
    const part = (s.items[this.partitionId(pk)] ??= {});
    for (const [k, v] of Object.entries(part)) if (v.x !== undefined && v.x <= now) delete part[k];
    part[sk] = expiresAt === undefined ? { j: json } : { j: json, x: expiresAt };
  }

  private remove(s: State, pk: string, sk: string): void {
    const id = this.partitionId(pk);
    const part = s.items[id];
    if (!part) return;
    delete part[sk];
    if (Object.keys(part).length === 0) delete s.items[id];
  }

  private sorted(s: State, pk: string, prefix: string, reverse: boolean): [string, string][] {
    const now = this.now();
    const entries = Object.entries(s.items[this.partitionId(pk)] ?? {})
      .filter(([sk, v]) => sk.startsWith(prefix) && (v.x === undefined || v.x > now))
      .map(([sk, v]): [string, string] => [sk, v.j]);
    entries.sort((a, b) => compareUtf8(a[0], b[0]));
    return reverse ? entries.reverse() : entries;
  }

  async get(pk: string, sk: string): Promise<T | null> {
    this.engine.checkOpen();
    const key = assertItemKey(pk, sk);
    return this.engine.read((s) => {
      const item = this.live(s, key.pk, key.sk, this.now());
      return item === undefined ? null : (JSON.parse(item.j) as T);
    });
  }

  async put(item: T, options?: PutOptions): Promise<void> {
    this.engine.checkOpen();
    const opts = checkOptions(METHOD_OPTIONS.put, options);
    const prepared = this.schema.validator ? await prepareWrite(this.schema, item, "item") : prepareItem(this.schema, item);
    const now = this.now();
    const expiresAt = expiryOf(opts, () => now);
    return this.engine.write((s) => {
      if (opts.ifNotExists === true && this.live(s, prepared.pk, prepared.sk, now)) {
        throw alreadyExists("item", { store: this.schema.name, pk: prepared.pk, sk: prepared.sk });
      }
      this.set(s, prepared.pk, prepared.sk, prepared.json, expiresAt, now);
    });
  }

  async delete(pk: string, sk: string): Promise<boolean> {
    this.engine.checkOpen();
    const key = assertItemKey(pk, sk);
    return this.engine.write((s) => {
      const existed = this.live(s, key.pk, key.sk, this.now()) !== undefined;
      this.remove(s, key.pk, key.sk);
      return existed;
    });
  }

  async query(pk: string, skPrefix: string, options?: QueryOptions): Promise<T[]> {
    this.engine.checkOpen();
    const key = assertQueryKey(pk, skPrefix);
    const opts = checkOptions(METHOD_OPTIONS.query, options);
    const limit = opts.limit ?? Infinity;
    return this.engine.read((s) =>
      this.sorted(s, key.pk, key.skPrefix, opts.reverse === true)
        .slice(0, limit)
        .map(([, json]) => JSON.parse(json) as T),
    );
  }

  async queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>> {
    this.engine.checkOpen();
    const key = assertQueryKey(pk, skPrefix);
    const opts = checkOptions(METHOD_OPTIONS.queryPage, options);
    const reverse = opts.reverse === true;
    const limit = pageLimit(opts.limit);
    const after = decodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, opts.cursor);
    return this.engine.read((s) => {
      const page = pageOf(
        this.sorted(s, key.pk, key.skPrefix, reverse),
        limit,
        after,
        ([sk], last) => (reverse ? compareUtf8(sk, last) < 0 : compareUtf8(sk, last) > 0),
        ([sk]) => encodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, sk),
      );
      return { items: page.items.map(([, json]) => JSON.parse(json) as T), ...(page.cursor ? { cursor: page.cursor } : {}) };
    });
  }

  async getMany(keys: ReadonlyArray<ItemKey>): Promise<Array<T | null>> {
    this.engine.checkOpen();
    const list = assertKeyList(keys);
    return this.engine.read((s) => {
      const now = this.now();
      return list.map((k) => {
        const item = this.live(s, k.pk, k.sk, now);
        return item === undefined ? null : (JSON.parse(item.j) as T);
      });
    });
  }

  /** One file write for the whole batch (so this backend happens to apply it atomically). */
  async putMany(items: readonly T[], options?: ExpiryOptions): Promise<void> {
    this.engine.checkOpen();
    const opts = checkOptions(METHOD_OPTIONS.putMany, options);
    const prepared = await prepareItems(this.schema, items);
    const now = this.now();
    const expiresAt = expiryOf(opts, () => now);
    if (prepared.length === 0) return;
    return this.engine.write((s) => {
      for (const p of prepared) this.set(s, p.pk, p.sk, p.json, expiresAt, now);
    });
  }

  async deleteMany(keys: ReadonlyArray<ItemKey>): Promise<number> {
    this.engine.checkOpen();
    const distinct = [...new Map(assertKeyList(keys).map((k) => [itemKeyId(k.pk, k.sk), k])).values()];
    if (distinct.length === 0) return 0;
    return this.engine.write((s) => {
      const now = this.now();
      let existed = 0;
      for (const k of distinct) {
        if (this.live(s, k.pk, k.sk, now)) existed++;
        this.remove(s, k.pk, k.sk);
      }
      return existed;
    });
  }

  async transact(ops: ReadonlyArray<TransactOp<T>>): Promise<void> {
    this.engine.checkOpen();
    const prepared = await prepareTransact(this.schema, ops, this.now);
    if (prepared.length === 0) return;
    return this.engine.write((s) => {
      const now = this.now();
      for (const op of prepared)
        if (!transactConditionHolds(op, this.live(s, op.pk, op.sk, now) !== undefined)) throw transactConditionFailed(op);
      for (const op of prepared) {
        if (op.kind === "put") this.set(s, op.pk, op.sk, op.prepared.json, op.expiresAt, now);
        else if (op.kind === "delete") this.remove(s, op.pk, op.sk);
      }
    });
  }

  iterate(pk: string, skPrefix: string, options?: IterateOptions): AsyncIterable<T> {
    return iterateStore(this, pk, skPrefix, options);
  }
}
