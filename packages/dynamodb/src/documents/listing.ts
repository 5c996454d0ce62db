import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { inParallel, marshallItem, type Executor } from "../client/executor";
import { documentListingKey, listingShardPk, pad } from "../table/keys";

/**
 * The id listing of documents: an item (("DLS", id mod shards), id16) per visible document,
 * put in the commit transaction of its add or import and deleted in the transaction that hides
 * it for a delete. A page is a K-way merge of the shards in id order: each shard is read from
 * just after the cursor's id, a few items at a time, until the first limit + 1 ids of the merge
 * are settled (no unread item of any shard can come before them).
 */
export function listingPut(table: string, id: number, shards: number): TransactWriteItem {
  return { Put: { TableName: table, Item: marshallItem(documentListingKey(id, shards)) } };
}

export function listingDelete(table: string, id: number, shards: number): TransactWriteItem {
  return { Delete: { TableName: table, Key: marshallItem(documentListingKey(id, shards)) } };
}

interface ShardCursor {
  shard: number;
  /** The largest id read from this shard so far (the cursor's id before the first read). */
  last: number;
  done: boolean;
}

/**
 * The first `want` listed ids above `after`, in id order, and whether more follow them (the
 * merge of every shard; strongly consistent Queries, ids only).
 */
export async function listedIds(exec: Executor, shards: number, after: number, want: number): Promise<{ ids: number[]; more: boolean }> {
  const cursors: ShardCursor[] = Array.from({ length: shards }, (_, shard) => ({ shard, last: after, done: false }));
  const ids: number[] = [];
  // First round: an even share of want + 1 from every shard (ids spread evenly over shards).
  let chunk = Math.ceil((want + 1) / shards) + 1;
  let pending = cursors;
  for (;;) {
    await inParallel(pending, 16, async (c) => {
      const { items, more } = await exec.query(
        {
          KeyConditionExpression: "pk = :pk AND sk > :after",
          ExpressionAttributeValues: marshallItem({ ":pk": listingShardPk(c.shard), ":after": pad(c.last) }),
          ConsistentRead: true,
          Limit: chunk,
        },
        "listDocumentsPage",
        () => true,
      );
      for (const i of items) ids.push(Number(i.sk));
      if (items.length > 0) c.last = Number(items[items.length - 1]!.sk);
      c.done = !more;
    });
    ids.sort((a, b) => a - b);
    const open = cursors.filter((c) => !c.done);
    // Every id up to `bound` is known: no open shard can still hold a smaller one.
    const bound = open.reduce((m, c) => Math.min(m, c.last), Infinity);
    const settled = ids.filter((id) => id <= bound);
    if (open.length === 0 || settled.length > want) return { ids: settled.slice(0, want), more: settled.length > want };
    // Read on in the shards that hold the merge back: those whose last id is below the
    // (want + 1)-th id read so far (every open shard while fewer ids have been read).
    const cut = ids.length > want ? ids[want]! : Infinity;
    pending = open.filter((c) => c.last < cut);
    chunk = Math.max(chunk * 2, Math.ceil((want + 1 - settled.length) / pending.length) + 1);
  }
}
