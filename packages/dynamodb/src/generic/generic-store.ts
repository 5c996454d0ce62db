import {
  ConflictError,
  assertInteger,
  assertItemKey,
  assertOptions,
  assertQueryKey,
  decodeStoreCursor,
  encodeStoreCursor,
  pageLimit,
  prepareItem,
  LIMITS,
  type JsonObject,
  type KeySchema,
  type Page,
  type PageRequest,
  type QueryOptions,
  type Store,
} from "@blue/store-core";
import { isConditionFailed, marshallItem, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { genericPk } from "../table/keys";

/**
 * A generic store: partition ("G", schema, sha256(pk)) with the raw pk in `rpk` (user pks may
 * be 2048 bytes, DynamoDB's own pk limit), sort key = the raw sk (up to 1024 bytes; DynamoDB
 * orders it by UTF-8 bytes, as the contract wants), the item as JSON in `j`.
 */
export class DynamoStore<T extends JsonObject> implements Store<T> {
  constructor(
    private readonly c: StoreContext,
    private readonly schema: KeySchema<T>,
  ) {}

  private key(pk: string, sk: string) {
    return { pk: genericPk(this.schema.name, pk), sk };
  }

  async get(pk: string, sk: string): Promise<T | null> {
    this.c.life.check();
    const key = assertItemKey(pk, sk);
    const item = await this.c.exec.get(this.key(key.pk, key.sk), "store.get");
    return item && item.rpk === key.pk ? (JSON.parse(item.j as string) as T) : null;
  }

  async put(item: T, options?: { ifNotExists?: boolean }): Promise<void> {
    this.c.life.check();
    const opts = assertOptions(options);
    const prepared = prepareItem(this.schema, item);
    const stored: Item = { ...this.key(prepared.pk, prepared.sk), rpk: prepared.pk, j: prepared.json };
    try {
      await this.c.exec.put(stored, "store.put", opts.ifNotExists === true ? { ConditionExpression: "attribute_not_exists(pk)" } : {});
    } catch (e) {
      if (isConditionFailed(e)) throw new ConflictError("ALREADY_EXISTS", `an item with this key already exists in store ${this.schema.name}`);
      throw e;
    }
  }

  async delete(pk: string, sk: string): Promise<boolean> {
    this.c.life.check();
    const key = assertItemKey(pk, sk);
    const old = await this.c.exec.delete(this.key(key.pk, key.sk), "store.delete");
    return old !== undefined;
  }

  private async read(pk: string, skPrefix: string, reverse: boolean, limit: number | undefined, after: string | undefined, context: string) {
    const values: Item = { ":pk": genericPk(this.schema.name, pk) };
    if (skPrefix !== "") values[":prefix"] = skPrefix;
    const { items } = await this.c.exec.query(
      {
        KeyConditionExpression: skPrefix === "" ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
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
    const opts = assertOptions(options);
    const limit = opts.limit === undefined ? undefined : assertInteger(opts.limit, "limit", 1, LIMITS.pageMaxLimit);
    const items = await this.read(key.pk, key.skPrefix, opts.reverse === true, limit, undefined, "store.query");
    return items.slice(0, limit).map((i) => JSON.parse(i.j as string) as T);
  }

  async queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>> {
    this.c.life.check();
    const key = assertQueryKey(pk, skPrefix);
    const opts = assertOptions(options);
    const reverse = opts.reverse === true;
    const limit = pageLimit(opts.limit);
    const after = decodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, opts.cursor as string | undefined);
    const items = await this.read(key.pk, key.skPrefix, reverse, limit + 1, after, "store.queryPage");
    const page = items.slice(0, limit);
    const out = page.map((i) => JSON.parse(i.j as string) as T);
    if (items.length <= limit) return { items: out };
    return { items: out, cursor: encodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, page[page.length - 1]!.sk as string) };
  }
}
