import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { keyId, marshallItem, type Item } from "../client/executor";
import { statsShardKey, type Key } from "../table/keys";

/**
 * Corpus statistics (document count n, total token length tl) split over `shards` items, each
 * in its own partition: document id counts in shard id mod shards, so consecutive ids spread
 * evenly and an add and the delete of the same document touch the same shard. Every change is
 * an action of the document's commit transaction; a reader sums all shards (one BatchGetItem).
 *
 * The same item marks documents whose index change is not complete yet: attribute `p<id>`
 * (the commit's wall-clock time, ms) is set by the commit and removed by the transaction that
 * completes the index change (src/search/index-writer.ts), so a search finds a change a
 * crashed writer left half-done without reading anything more.
 */
export function statsShardOf(id: number, shards: number): number {
  return id % shards;
}

const pendingName = (id: number) => `p${id}`;

/**
 * The transaction action that moves document `id`'s shard by (dn, dtl) and, unless its index
 * change travels in the same transaction, marks that change pending.
 */
export function statsUpdate(table: string, id: number, shards: number, dn: number, dtl: number, pending: boolean): TransactWriteItem {
  const key = marshallItem(statsShardKey(statsShardOf(id, shards)));
  if (!pending) {
    return {
      Update: {
        TableName: table,
        Key: key,
        UpdateExpression: "ADD n :dn, tl :dtl",
        ExpressionAttributeValues: marshallItem({ ":dn": dn, ":dtl": dtl }),
      },
    };
  }
  return {
    Update: {
      TableName: table,
      Key: key,
      UpdateExpression: "ADD n :dn, tl :dtl SET #p = :at",
      ExpressionAttributeNames: { "#p": pendingName(id) },
      ExpressionAttributeValues: marshallItem({ ":dn": dn, ":dtl": dtl, ":at": Date.now() }),
    },
  };
}

/** The transaction action that clears document `id`'s pending mark (its index change is complete). */
export function pendingClear(table: string, id: number, shards: number): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: marshallItem(statsShardKey(statsShardOf(id, shards))),
      UpdateExpression: "REMOVE #p",
      ExpressionAttributeNames: { "#p": pendingName(id) },
    },
  };
}

/** A document whose index change was committed at `at` (ms) and is not complete. */
export interface PendingIndex {
  id: number;
  at: number;
}

export interface CorpusRead {
  documentCount: number;
  totalLength: number;
  pending: PendingIndex[];
}

/** The keys of every statistics shard. */
export const statsShardKeys = (shards: number): Key[] => Array.from({ length: shards }, (_, s) => statsShardKey(s));

/** Sums the statistics shards read into `items` (by keyId) and collects their pending marks. */
export function sumCorpus(items: Map<string, Item>, shards: number): CorpusRead {
  let documentCount = 0;
  let totalLength = 0;
  const pending: PendingIndex[] = [];
  for (const k of statsShardKeys(shards)) {
    const item = items.get(keyId(k));
    if (!item) continue;
    documentCount += (item.n as number | undefined) ?? 0;
    totalLength += (item.tl as number | undefined) ?? 0;
    for (const [name, at] of Object.entries(item)) {
      if (/^p\d+$/.test(name)) pending.push({ id: Number(name.slice(1)), at: at as number });
    }
  }
  return { documentCount, totalLength, pending };
}
