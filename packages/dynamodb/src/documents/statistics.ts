import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { keyId, marshallItem, type Executor } from "../client/executor";
import { statsShardKey } from "../table/keys";

/**
 * Corpus statistics (document count n, total token length tl) split over `shards` items, each
 * in its own partition: document id counts in shard id mod shards, so consecutive ids spread
 * evenly and an add and the delete of the same document touch the same shard. Every change is
 * an action of the document's commit transaction; a reader sums all shards (one BatchGetItem).
 */
export function statsShardOf(id: number, shards: number): number {
  return id % shards;
}

/** The transaction action that moves document `id`'s shard by (dn, dtl). */
export function statsUpdate(table: string, id: number, shards: number, dn: number, dtl: number): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: marshallItem(statsShardKey(statsShardOf(id, shards))),
      UpdateExpression: "ADD n :dn, tl :dtl",
      ExpressionAttributeValues: marshallItem({ ":dn": dn, ":dtl": dtl }),
    },
  };
}

/** The corpus statistics: the sum over every shard (one BatchGetItem of `shards` keys). */
export async function readCorpus(exec: Executor, shards: number, context: string): Promise<{ documentCount: number; totalLength: number }> {
  const keys = Array.from({ length: shards }, (_, s) => statsShardKey(s));
  const items = await exec.batchGet(keys, context);
  let documentCount = 0;
  let totalLength = 0;
  for (const k of keys) {
    const item = items.get(keyId(k));
    documentCount += (item?.n as number | undefined) ?? 0;
    totalLength += (item?.tl as number | undefined) ?? 0;
  }
  return { documentCount, totalLength };
}
