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
  assertQueryKey,
  clockMs,
  decodeStoreCursor,
  encodeStoreCursor,
  expiryOf,
  iterateStore,
  pageLimit,
  prepareItem,
  prepareWrite,
  alreadyExists,
  closed,
} from "@blue/store-core/engine";
import { isConditionFailed, marshallItem, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { genericPk } from "../table/keys";
import { deleteMany, getMany, putMany, transact, type GenericTable } from "./generic-batch";
import { conditionOf, EXPIRES_MS, expiryAttributes, isLiveItem } from "./expiry";

/**
 * A generic store: partition ("G", schema, sha256(pk)) with the raw pk in `rpk` (user pks may
 * be 2048 bytes, DynamoDB's own pk limit), sort key = the raw sk (up to 1024 bytes; DynamoDB
 * orders it by UTF-8 bytes, as the contract wants), the item as JSON in `j`, the expiry (if
 * any) in `xat` (ms) and the table's TTL attribute (s). Expired items not yet removed by
 * DynamoDB are filtered from every read by the store's clock.
 */
export class DynamoStore<T extends object> implements Store<T> {
  private readonly t: GenericTable<T>;

  constructor(
    private readonly c: StoreContext,
    private readonly schema: KeySchema<T>,
  ) {
    this.t = {
      c,
      schema,
      now: () => clockMs(c.model),
      key: (pk, sk) => ({ pk: genericPk(schema.name, pk), sk }),
      stored: (p, expiresAt) => ({ pk: genericPk(schema.name, p.pk), sk: p.sk, rpk: p.pk, j: p.json, ...expiryAttributes(expiresAt) }),
    };
  }

  private live(item: Item | undefined, pk: string): item is Item {
    return item !== undefined && item.rpk === pk && isLiveItem(item, this.t.now());
  }

  async get(pk: string, sk: string): Promise<T | null> {
    this.c.life.check();
    const key = assertItemKey(pk, sk);
    const item = await this.c.exec.get(this.t.key(key.pk, key.sk), "store.get");
    return this.live(item, key.pk) ? (JSON.parse(item.j as string) as T) : null;
  }

  async put(item: T, options?: PutOptions): Promise<void> {
    this.c.life.check();
    const opts = checkOptions(METHOD_OPTIONS.put, options);
    const prepared = this.schema.validator ? await prepareWrite(this.schema, item, "item") : prepareItem(this.schema, item);
    const now = this.t.now();
    const stored = this.t.stored(
      prepared,
      expiryOf(opts, () => now),
    );
    try {
      await this.c.exec.put(stored, "store.put", opts.ifNotExists === true ? conditionOf("absent", now) : {});
    } catch (e) {
      if (isConditionFailed(e)) throw alreadyExists("item", { store: this.schema.name, pk: prepared.pk, sk: prepared.sk });
      throw e;
    }
  }

  async delete(pk: string, sk: string): Promise<boolean> {
    this.c.life.check();
    const key = assertItemKey(pk, sk);
    const old = await this.c.exec.delete(this.t.key(key.pk, key.sk), "store.delete");
    return this.live(old, key.pk);
  }

  /** Live items of `pk` under `skPrefix`: expired ones are left out by a filter, other pks' (hash collisions) here. */
  private async read(
    pk: string,
    skPrefix: string,
    reverse: boolean,
    limit: number | undefined,
    after: string | undefined,
    context: string,
  ) {
    const values: Item = { ":pk": genericPk(this.schema.name, pk), ":now": this.t.now() };
    if (skPrefix !== "") values[":prefix"] = skPrefix;
    const { items } = await this.c.exec.query(
      {
        KeyConditionExpression: skPrefix === "" ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
        FilterExpression: "attribute_not_exists(#xat) OR #xat > :now",
        ExpressionAttributeNames: { "#xat": EXPIRES_MS },
        ExpressionAttributeValues: marshallItem(values),
        ScanIndexForward: !reverse,
        ConsistentRead: true,
        ...(limit !== undefined ? { Limit: limit } : {}),
        ...(after !== undefined ? { ExclusiveStartKey: marshallItem({ pk: genericPk(this.schema.name, pk), sk: after }) } : {}),
      },
      context,
      limit === undefined ? undefined : (got) => got.length >= limit,
    );
    return items.filter((i) => i.rpk === pk);
  }

  async query(pk: string, skPrefix: string, options?: QueryOptions): Promise<T[]> {
    this.c.life.check();
    const key = assertQueryKey(pk, skPrefix);
    const opts = checkOptions(METHOD_OPTIONS.query, options);
    const limit = opts.limit;
    const items = await this.read(key.pk, key.skPrefix, opts.reverse === true, limit, undefined, "store.query");
    return items.slice(0, limit).map((i) => JSON.parse(i.j as string) as T);
  }

  async queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>> {
    this.c.life.check();
    const key = assertQueryKey(pk, skPrefix);
    const opts = checkOptions(METHOD_OPTIONS.queryPage, options);
    const reverse = opts.reverse === true;
    const limit = pageLimit(opts.limit);
    const after = decodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, opts.cursor);
    const items = await this.read(key.pk, key.skPrefix, reverse, limit + 1, after, "store.queryPage");
    const page = items.slice(0, limit);
    const out = page.map((i) => JSON.parse(i.j as string) as T);
    if (items.length <= limit) return { items: out };
    return { items: out, cursor: encodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, page[page.length - 1]!.sk as string) };
  }

  async getMany(keys: ReadonlyArray<ItemKey>): Promise<Array<T | null>> {
    this.c.life.check();
    return getMany(this.t, keys);
  }

  async putMany(items: readonly T[], options?: ExpiryOptions): Promise<void> {
    this.c.life.check();
    return putMany(this.t, items, options);
  }

  async deleteMany(keys: ReadonlyArray<ItemKey>): Promise<number> {
    this.c.life.check();
    return deleteMany(this.t, keys);
  }

  async transact(ops: ReadonlyArray<TransactOp<T>>): Promise<void> {
    if (this.c.life.closed) throw closed();
    return transact(this.t, ops);
  }

  iterate(pk: string, skPrefix: string, options?: IterateOptions): AsyncIterable<T> {
    return iterateStore(this, pk, skPrefix, options);
  }
}
