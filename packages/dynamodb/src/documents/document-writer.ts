import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { Document } from "@blue/store-core";
import { isConditionFailed, marshallItem, TransactionCancelled, type Item } from "../client/executor";
import { LINK_COPY_PREFIX, linkKeys } from "../links/link-items";
import type { StoreContext } from "../context";
import { documentHeaderKey, documentPk, pad, type Key } from "../table/keys";
import { chunkKeysOf, documentItems, isLive, loadDocuments, type StoredDocument } from "./body";
import { listingDelete, listingPut } from "./listing";
import { indexChange, termsOf, type IndexChange } from "./search-index";
import { statsUpdate } from "./statistics";

/** Where a new document's header may go: only a never-used id (addDocument), or also over a tombstone (importDocument). */
export type NewHeader = "unused" | "unused-or-deleted";

/**
 * Writes a document and its index. Order (the repair order of docs/access-patterns):
 *  1. BatchWriteItem: the new body chunks (under a fresh revision) and the posting changes;
 *  2. TransactWriteItems: the header (conditional on the version read), and for a new
 *     document its listing item, and the statistics shard when the counts move;
 *  3. BatchWriteItem: delete the previous revision's chunks (no longer referenced).
 * If step 1 or 2 fails, the touched postings are rewritten to match the committed document
 * (read again) and unused new chunks deleted before the error is rethrown.
 */
export class DocumentWriter {
  constructor(private readonly c: StoreContext) {}

  /** Stores `next` over `prev` (undefined: a new id). False when `prev` is no longer current, or the new id is taken. */
  async write(next: Document, prev: StoredDocument | undefined, context: string, fresh: NewHeader = "unused"): Promise<boolean> {
    const { table } = this.c.exec;
    const shards = this.c.shards;
    const before = termsOf(prev?.doc);
    const after = termsOf(next);
    const change = indexChange(next.id, before, after);
    const sameBody = prev !== undefined && prev.doc.body === next.body && prev.rev !== undefined;
    const { header, chunks } = documentItems(next, (prev?.v ?? 0) + 1, after.length, sameBody ? { rev: prev.rev!, nc: prev.nc! } : undefined);
    const condition = prev ? "v = :v" : fresh === "unused" ? "attribute_not_exists(pk)" : "attribute_not_exists(pk) OR attribute_exists(del)";
    const values = prev ? { ExpressionAttributeValues: marshallItem({ ":v": prev.v }) } : {};
    const actions: TransactWriteItem[] = [{ Put: { TableName: table, Item: marshallItem(header), ConditionExpression: condition, ...values } }];
    if (!prev) actions.push(listingPut(table, next.id, shards), statsUpdate(table, next.id, shards, 1, after.length));
    else if (after.length !== before.length) actions.push(statsUpdate(table, next.id, shards, 0, after.length - before.length));
    try {
      await this.c.exec.batchWrite([...chunks, ...change.puts], change.deletes, context);
      // Neither the listing nor the statistics move (an update, same token count): a conditional PutItem is enough.
      if (actions.length === 1) await this.c.exec.put(header, context, { ConditionExpression: condition, ...values });
      else await this.c.exec.transact(actions, context);
    } catch (e) {
      await this.revert(next.id, change, chunks.length > 0 ? chunks.map((ch) => ({ ...ch, rev: header.rev })) : []);
      if ((e instanceof TransactionCancelled && e.reasonAt(0) === "ConditionalCheckFailed") || isConditionFailed(e)) return false;
      throw e;
    }
    if (prev?.rev !== undefined && header.rev !== prev.rev) {
      await this.c.exec.batchWrite([], chunkKeysOf(next.id, prev.rev, prev.nc), context);
    }
    return true;
  }

  /**
   * Deletes a document read at `current`. One transaction hides its header (`pend = delete`:
   * reads skip it), removes its listing item and takes it out of its statistics shard; then
   * its postings, chunks and links go, and the header becomes a tombstone. A re-run on a
   * hidden header finishes the work. False when the document changed meanwhile.
   */
  async remove(current: StoredDocument, context: string): Promise<boolean> {
    const { table } = this.c.exec;
    const id = current.doc.id;
    try {
      await this.c.exec.transact(
        [
          {
            Update: {
              TableName: table,
              Key: marshallItem(documentHeaderKey(id)),
              UpdateExpression: "SET pend = :del ADD v :one",
              ConditionExpression: "v = :v AND attribute_not_exists(pend)",
              ExpressionAttributeValues: marshallItem({ ":del": "delete", ":v": current.v, ":one": 1 }),
            },
          },
          listingDelete(table, id, this.c.shards),
          statsUpdate(table, id, this.c.shards, -1, -current.dl),
        ],
        context,
      );
    } catch (e) {
      if (e instanceof TransactionCancelled && e.reasonAt(0) === "ConditionalCheckFailed") return false;
      throw e;
    }
    await this.finishDelete(current, context);
    return true;
  }

  /**
   * The rest of a delete whose header is hidden: postings, body chunks (known from the header
   * already read: the body is read once) and links (one Query of the partition's link copies),
   * then the header becomes a tombstone.
   */
  async finishDelete(current: StoredDocument, context: string): Promise<void> {
    const id = current.doc.id;
    const keys: Key[] = [...indexChange(id, termsOf(current.doc), termsOf(undefined)).deletes, ...chunkKeysOf(id, current.rev, current.nc)];
    const { items: copies } = await this.c.exec.query(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :links)",
        ExpressionAttributeValues: marshallItem({ ":pk": documentPk(id), ":links": LINK_COPY_PREFIX }),
        ConsistentRead: true,
      },
      context,
    );
    for (const i of copies) keys.push(...linkKeys(i.fr as string, i.tt as string, i.kd as string, this.c.shards));
    await this.c.exec.batchWrite([], keys, context);
    try {
      await this.c.exec.put({ ...documentHeaderKey(id), id, v: current.v + 1, del: 1 }, context, {
        ConditionExpression: "pend = :del",
        ExpressionAttributeValues: marshallItem({ ":del": "delete" }),
      });
    } catch (e) {
      // A concurrent re-run made the tombstone first.
      if (!isConditionFailed(e)) throw e;
    }
  }

  /**
   * Best effort, after a failed write: makes every posting this write touched agree with the
   * document as it is committed now (read again: the write may have committed before its
   * response was lost, or another writer may have won), and drops new chunks nothing uses.
   */
  private async revert(id: number, change: IndexChange, chunks: Item[]): Promise<void> {
    try {
      const header = await this.c.exec.get(documentHeaderKey(id), "revert");
      const current = isLive(header) ? (await loadDocuments(this.c.exec, [header], "revert"))[0] : undefined;
      const touched = new Set<string>([...change.puts.map((p) => p.pk as string), ...change.deletes.map((d) => d.pk)]);
      const target = indexChange(id, { length: -1, frequencies: new Map() }, termsOf(current?.doc)).puts.filter((p) => touched.has(p.pk as string));
      const kept = new Set(target.map((p) => p.pk as string));
      const drop: Key[] = [...touched].filter((pk) => !kept.has(pk)).map((pk) => ({ pk, sk: pad(id) }));
      if (header?.rev !== chunks[0]?.rev) for (const ch of chunks) drop.push({ pk: ch.pk as string, sk: ch.sk as string });
      await this.c.exec.batchWrite(target, drop, "revert");
    } catch {
      // The original error is what the caller needs; what is left is covered by the repair order.
    }
  }
}
