import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { Document } from "@blue/store-core";
import { isConditionFailed, marshallItem, TransactionCancelled, type Item } from "../client/executor";
import { LINK_COPY_PREFIX, linkKeys } from "../links/link-items";
import type { StoreContext } from "../context";
import { documentHeaderKey, documentPk, pad, type Key } from "../table/keys";
import { chunkKeysOf, documentItems, loadDocuments, type StoredDocument } from "./body";
import { indexChange, statsUpdate, termsOf, type IndexChange } from "./search-index";

/**
 * Writes a document and its index. Order (the repair order of docs/access-patterns):
 *  1. BatchWriteItem: the new body chunks (under a fresh revision) and the posting changes;
 *  2. TransactWriteItems: the header (conditional on the version read) + corpus statistics;
 *  3. BatchWriteItem: delete the previous revision's chunks (no longer referenced).
 * If step 1 or 2 fails, the touched postings are rewritten to match the committed document
 * (read again) and unused new chunks deleted before the error is rethrown.
 */
export class DocumentWriter {
  constructor(private readonly c: StoreContext) {}

  /** Stores `next` over `prev` (undefined: a new id). False when `prev` is no longer current. */
  async write(next: Document, prev: StoredDocument | undefined, context: string): Promise<boolean> {
    const table = this.c.exec.table;
    const before = termsOf(prev?.doc);
    const after = termsOf(next);
    const change = indexChange(next.id, before, after);
    const sameBody = prev !== undefined && prev.doc.body === next.body && prev.rev !== undefined;
    const { header, chunks } = documentItems(next, (prev?.v ?? 0) + 1, after.length, sameBody ? { rev: prev.rev!, nc: prev.nc! } : undefined);
    const actions: TransactWriteItem[] = [
      {
        Put: {
          TableName: table,
          Item: marshallItem(header),
          ConditionExpression: prev ? "v = :v" : "attribute_not_exists(pk)",
          ...(prev ? { ExpressionAttributeValues: marshallItem({ ":v": prev.v }) } : {}),
        },
      },
    ];
    const dn = prev ? 0 : 1;
    const dtl = after.length - before.length;
    if (dn !== 0 || dtl !== 0) actions.push(statsUpdate(table, dn, dtl));
    try {
      await this.c.exec.batchWrite([...chunks, ...change.puts], change.deletes, context);
      // The statistics do not move (same token count): a conditional PutItem is enough.
      if (actions.length === 1) await this.c.exec.put(header, context, { ConditionExpression: actions[0]!.Put!.ConditionExpression, ExpressionAttributeValues: actions[0]!.Put!.ExpressionAttributeValues });
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
   * Deletes a document read at `current`: hides its header (`pend = delete`: reads skip it),
   * then removes its postings, partition (chunks, link copies) and links, then the header with
   * the statistics in one transaction. A re-run on a hidden header finishes the work. False
   * when the document changed meanwhile.
   */
  async remove(current: StoredDocument, context: string): Promise<boolean> {
    try {
      await this.c.exec.update(documentHeaderKey(current.doc.id), context, {
        UpdateExpression: "SET pend = :del ADD v :one",
        ConditionExpression: "v = :v AND attribute_not_exists(pend)",
        ExpressionAttributeValues: marshallItem({ ":del": "delete", ":v": current.v, ":one": 1 }),
      });
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
    await this.finishDelete(current, context);
    return true;
  }

  /** The rest of a delete whose header is hidden: index, partition, links, then header + statistics. */
  async finishDelete(current: StoredDocument, context: string): Promise<void> {
    const id = current.doc.id;
    const change = indexChange(id, termsOf(current.doc), termsOf(undefined));
    const { items } = await this.c.exec.query(
      { KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: marshallItem({ ":pk": documentPk(id) }), ConsistentRead: true },
      context,
    );
    const keys: Key[] = [...change.deletes];
    for (const i of items) {
      if ((i.sk as string).startsWith(LINK_COPY_PREFIX)) keys.push(...linkKeys(i.fr as string, i.tt as string, i.kd as string, this.c.shards));
      else keys.push({ pk: i.pk as string, sk: i.sk as string });
    }
    await this.c.exec.batchWrite([], keys, context);
    try {
      await this.c.exec.transact(
        [
          {
            Delete: {
              TableName: this.c.exec.table,
              Key: marshallItem(documentHeaderKey(id)),
              ConditionExpression: "pend = :del",
              ExpressionAttributeValues: marshallItem({ ":del": "delete" }),
            },
          },
          statsUpdate(this.c.exec.table, -1, -current.dl),
        ],
        context,
      );
    } catch (e) {
      // A concurrent re-run removed the header (and counted it) first.
      if (!(e instanceof TransactionCancelled && e.reasonAt(0) === "ConditionalCheckFailed")) throw e;
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
      const current = header ? (await loadDocuments(this.c.exec, [header], "revert"))[0] : undefined;
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
