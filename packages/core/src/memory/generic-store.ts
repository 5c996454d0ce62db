import { alreadyExists, transactConditionFailed } from "../errors/factories";
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
} from "../types/stores";
import { assertItemKey, assertQueryKey, prepareItem } from "../model/generic";
import { assertKeyList, itemKeyId, prepareItems, prepareTransact, prepareWrite, transactConditionHolds } from "../model/generic-batch";
import { clockMs, expiryOf } from "../model/expiry";
import { iterateStore } from "../model/iterate";
import type { ModelContext } from "../model/context";
import { decodeStoreCursor, encodeStoreCursor, pageOf } from "../model/paging";
import { compareUtf8 } from "../encoding/utf8";
import { encodeKey } from "../encoding/key-codec";
import { pageLimit } from "../validation/scalars";
import { checkOptions } from "../validation/options";
import { METHOD_OPTIONS } from "../model/options";
import type { GenericItems, StoredItem } from "./generic-items";
import type { Lifecycle } from "./state";

/** A memory generic store over the backend's shared items. */
export class MemoryStore<T extends object> implements Store<T> {
  constructor(
    private readonly life: Lifecycle,
    private readonly ctx: ModelContext,
    private readonly data: GenericItems,
    private readonly schema: KeySchema<T>,
  ) {}

  private readonly now = () => clockMs(this.ctx);

  private partitionId(pk: string): string {
    return encodeKey([this.schema.name, pk]);
  }

  /** The unexpired item at a key. */
  private live(pk: string, sk: string, now: number): StoredItem | undefined {
    const item = this.data.partitions.get(this.partitionId(pk))?.get(sk);
    return item === undefined || (item.expiresAt !== undefined && item.expiresAt <= now) ? undefined : item;
  }

  private write(pk: string, sk: string, json: string, expiresAt: number | undefined): void {
    this.data.set(this.partitionId(pk), sk, expiresAt === undefined ? { json } : { json, expiresAt });
  }

  async get(pk: string, sk: string): Promise<T | null> {
    this.life.check();
    const key = assertItemKey(pk, sk);
    const item = this.live(key.pk, key.sk, this.now());
    return item === undefined ? null : (JSON.parse(item.json) as T);
  }

  async put(item: T, options?: PutOptions): Promise<void> {
    this.life.check();
    const opts = checkOptions(METHOD_OPTIONS.put, options);
    const p = this.schema.validator ? await prepareWrite(this.schema, item, "item") : prepareItem(this.schema, item);
    const now = this.now();
    const expiresAt = expiryOf(opts, () => now);
    if (opts.ifNotExists === true && this.live(p.pk, p.sk, now)) {
      throw alreadyExists("item", { store: this.schema.name, pk: p.pk, sk: p.sk });
    }
    this.write(p.pk, p.sk, p.json, expiresAt);
    this.data.sweep(now);
  }

  async delete(pk: string, sk: string): Promise<boolean> {
    this.life.check();
    const key = assertItemKey(pk, sk);
    const now = this.now();
    const existed = this.live(key.pk, key.sk, now) !== undefined;
    this.data.remove(this.partitionId(key.pk), key.sk);
    this.data.sweep(now);
    return existed;
  }

  /** Unexpired items of `pk` under `skPrefix`, in sk order (descending when reverse). */
  private sorted(pk: string, skPrefix: string, reverse: boolean): [string, string][] {
    const now = this.now();
    const entries: [string, string][] = [];
    for (const [sk, item] of this.data.partitions.get(this.partitionId(pk)) ?? []) {
      if (sk.startsWith(skPrefix) && (item.expiresAt === undefined || item.expiresAt > now)) entries.push([sk, item.json]);
    }
    entries.sort((a, b) => compareUtf8(a[0], b[0]));
    return reverse ? entries.reverse() : entries;
  }

  async query(pk: string, skPrefix: string, options?: QueryOptions): Promise<T[]> {
    this.life.check();
    const key = assertQueryKey(pk, skPrefix);
    const opts = checkOptions(METHOD_OPTIONS.query, options);
    const limit = opts.limit ?? Infinity;
    return this.sorted(key.pk, key.skPrefix, opts.reverse === true)
      .slice(0, limit)
      .map(([, json]) => JSON.parse(json) as T);
  }

  async queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>> {
    this.life.check();
    const key = assertQueryKey(pk, skPrefix);
    const opts = checkOptions(METHOD_OPTIONS.queryPage, options);
    const reverse = opts.reverse === true;
    const limit = pageLimit(opts.limit);
    const after = decodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, opts.cursor);
    const page = pageOf(
      this.sorted(key.pk, key.skPrefix, reverse),
      limit,
      after,
      ([sk], last) => (reverse ? compareUtf8(sk, last) < 0 : compareUtf8(sk, last) > 0),
      ([sk]) => encodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, sk),
    );
    return { items: page.items.map(([, json]) => JSON.parse(json) as T), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  async getMany(keys: ReadonlyArray<ItemKey>): Promise<Array<T | null>> {
    this.life.check();
    const list = assertKeyList(keys);
    const now = this.now();
    return list.map((k) => {
      const item = this.live(k.pk, k.sk, now);
      return item === undefined ? null : (JSON.parse(item.json) as T);
    });
  }

  async putMany(items: readonly T[], options?: ExpiryOptions): Promise<void> {
    this.life.check();
    const opts = checkOptions(METHOD_OPTIONS.putMany, options);
    const prepared = await prepareItems(this.schema, items);
    const now = this.now();
    const expiresAt = expiryOf(opts, () => now);
    for (const p of prepared) this.write(p.pk, p.sk, p.json, expiresAt);
    this.data.sweep(now);
  }

  async deleteMany(keys: ReadonlyArray<ItemKey>): Promise<number> {
    this.life.check();
    const list = assertKeyList(keys);
    const now = this.now();
    const distinct = new Map(list.map((k) => [itemKeyId(k.pk, k.sk), k]));
    let existed = 0;
    for (const k of distinct.values()) {
      if (this.live(k.pk, k.sk, now)) existed++;
      this.data.remove(this.partitionId(k.pk), k.sk);
    }
    this.data.sweep(now);
    return existed;
  }

  async transact(ops: ReadonlyArray<TransactOp<T>>): Promise<void> {
    this.life.check();
    const prepared = await prepareTransact(this.schema, ops, this.now);
    const now = this.now();
    for (const op of prepared) {
      if (!transactConditionHolds(op, this.live(op.pk, op.sk, now) !== undefined)) throw transactConditionFailed(op);
    }
    for (const op of prepared) {
      if (op.kind === "put") this.write(op.pk, op.sk, op.prepared.json, op.expiresAt);
      else if (op.kind === "delete") this.data.remove(this.partitionId(op.pk), op.sk);
    }
    this.data.sweep(now);
  }

  iterate(pk: string, skPrefix: string, options?: IterateOptions): AsyncIterable<T> {
    return iterateStore(this, pk, skPrefix, options);
  }
}
