import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { ExpiryOptions, ItemKey, KeySchema, TransactOp } from "@blue/store-core";
import {
  METHOD_OPTIONS,
  assertKeyList,
  checkOptions,
  expiryOf,
  prepareItems,
  prepareTransact,
  transactConditionFailed,
  type PreparedItem,
} from "@blue/store-core/engine";
import { keyId, marshallItem, TransactionCancelled, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import type { Key } from "../table/keys";
import { conditionOf, EXPIRES_MS, isLiveItem } from "./expiry";

/**
 * The generic store's batch and transaction methods. Batches go through the executor's
 * BatchGetItem (100 keys a request) and BatchWriteItem (25 writes a request), which retry
 * unprocessed keys with backoff; they are not atomic. `transact` is one TransactWriteItems.
 */

/** What the batch functions need of a store. */
export interface GenericTable<T extends object> {
  c: StoreContext;
  schema: KeySchema<T>;
  now(): number;
  key(pk: string, sk: string): Key;
  stored(p: PreparedItem<T>, expiresAt: number | undefined): Item;
}

/** Physical keys of user keys, and a lookup of live items by user key. */
async function readLive<T extends object>(t: GenericTable<T>, keys: ItemKey[], context: string, projection?: string[]) {
  const found = await t.c.exec.batchGet(
    keys.map((k) => t.key(k.pk, k.sk)),
    context,
    projection,
  );
  const now = t.now();
  return (k: ItemKey): Item | undefined => {
    const item = found.get(keyId(t.key(k.pk, k.sk)));
    return item !== undefined && item.rpk === k.pk && isLiveItem(item, now) ? item : undefined;
  };
}

export async function getMany<T extends object>(t: GenericTable<T>, keys: ReadonlyArray<ItemKey>): Promise<Array<T | null>> {
  const list = assertKeyList(keys);
  if (list.length === 0) return [];
  const live = await readLive(t, list, "store.getMany");
  return list.map((k) => {
    const item = live(k);
    return item === undefined ? null : (JSON.parse(item.j as string) as T);
  });
}

export async function putMany<T extends object>(t: GenericTable<T>, items: readonly T[], options?: ExpiryOptions): Promise<void> {
  const opts = checkOptions(METHOD_OPTIONS.putMany, options);
  const prepared = await prepareItems(t.schema, items);
  const expiresAt = expiryOf(opts, t.now);
  if (prepared.length === 0) return;
  await t.c.exec.batchWrite(
    prepared.map((p) => t.stored(p, expiresAt)),
    [],
    "store.putMany",
  );
}

/** BatchGetItem (keys only) to count the live items, then BatchWriteItem deletes every key given. */
export async function deleteMany<T extends object>(t: GenericTable<T>, keys: ReadonlyArray<ItemKey>): Promise<number> {
  const list = assertKeyList(keys);
  if (list.length === 0) return 0;
  const distinct = [...new Map(list.map((k) => [keyId(t.key(k.pk, k.sk)), k])).values()];
  const live = await readLive(t, distinct, "store.deleteMany", ["pk", "sk", "rpk", EXPIRES_MS]);
  const existed = distinct.filter((k) => live(k) !== undefined).length;
  await t.c.exec.batchWrite(
    [],
    distinct.map((k) => t.key(k.pk, k.sk)),
    "store.deleteMany",
  );
  return existed;
}

export async function transact<T extends object>(t: GenericTable<T>, ops: ReadonlyArray<TransactOp<T>>): Promise<void> {
  const prepared = await prepareTransact(t.schema, ops, t.now);
  if (prepared.length === 0) return;
  const now = t.now();
  const table = t.c.exec.table;
  const items: TransactWriteItem[] = prepared.map((op) => {
    const Key = marshallItem(t.key(op.pk, op.sk));
    if (op.kind === "put")
      return {
        Put: {
          TableName: table,
          Item: marshallItem(t.stored(op.prepared, op.expiresAt)),
          ...(op.ifNotExists ? conditionOf("absent", now) : {}),
        },
      };
    if (op.kind === "delete") return { Delete: { TableName: table, Key, ...(op.ifExists ? conditionOf("present", now) : {}) } };
    return { ConditionCheck: { TableName: table, Key, ...conditionOf(op.exists ? "present" : "absent", now) } };
  });
  try {
    await t.c.exec.transact(items, "store.transact");
  } catch (e) {
    if (!(e instanceof TransactionCancelled)) throw e;
    const index = prepared.findIndex((_, i) => e.reasonAt(i) === "ConditionalCheckFailed");
    if (index >= 0) throw transactConditionFailed(prepared[index]!);
    throw e;
  }
}
