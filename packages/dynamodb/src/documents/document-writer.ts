import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { UnavailableError, type Document } from "@blue/store-core";
import { isConditionFailed, marshallItem, TransactionCancelled, type Item } from "../client/executor";
import { LINK_COPY_PREFIX, linkKeys } from "../links/link-items";
import type { StoreContext } from "../context";
import { IndexWriter, MAX_TRANSACTION_ACTIONS, type IndexTarget } from "../search/index-writer";
import { readTermList, termListWrite } from "../search/term-list";
import { indexTermsOf, NO_TERMS, stateOf, type PostingState } from "../search/terms";
import { documentHeaderKey, documentPk, type Key } from "../table/keys";
import { chunkKeysOf, documentItems, isIndexed, isLive, loadDocuments, type StoredDocument } from "./body";
import { listingDelete, listingPut } from "./listing";
import { statsUpdate } from "./statistics";

/** Where a new document's header may go: only a never-used id (addDocument), or also over a tombstone (importDocument). */
export type NewHeader = "unused" | "unused-or-deleted";

/**
 * Writes a document and its index. Order (the repair order of docs/access-patterns):
 *  1. BatchWriteItem: the new body chunks, under a fresh revision nothing points to yet;
 *  2. TransactWriteItems (the commit): the header (conditional on the version read), for a new
 *     document its listing item, and its statistics shard (counts, and the pending mark of
 *     its index change);
 *  3. the index change (../search/index-writer.ts): postings and frequency counters, then the
 *     transaction that completes it (header ixv, pending mark cleared, term list);
 *  4. BatchWriteItem: delete the previous revision's chunks (no longer referenced).
 * A document whose index change is not complete is completed first, by whoever writes it
 * next, or by a search once the change is older than `indexRepairAfterMs`.
 */
export class DocumentWriter {
  readonly index: IndexWriter;

  constructor(private readonly c: StoreContext) {
    this.index = new IndexWriter(c.exec, c.shards);
  }

  /** Stores `next` over `prev` (undefined: a new id). False when `prev` is no longer current, or the new id is taken. */
  async write(next: Document, prev: StoredDocument | undefined, context: string, fresh: NewHeader = "unused"): Promise<boolean> {
    if (prev && !isIndexed(prev)) {
      await this.repair(prev.doc.id, context);
      return false;
    }
    const { table } = this.c.exec;
    const shards = this.c.shards;
    const after = indexTermsOf(next);
    const v = (prev?.v ?? 0) + 1;
    const sameBody = prev !== undefined && prev.doc.body === next.body && prev.rev !== undefined;
    const { header, chunks } = documentItems(next, v, after.dl, sameBody ? { rev: prev.rev!, nc: prev.nc! } : undefined);
    // A new header (or one over a tombstone) has no postings; an indexed one has exactly its document's.
    const state = prev ? stateOf(indexTermsOf(prev.doc)) : new Map();
    const target: IndexTarget = { id: next.id, v, terms: after, deleting: false };
    const changes = this.index.changes(target, state).flat();
    // A small change commits with its index in one transaction; a large one marks it pending.
    const inline = changes.length + 4 <= MAX_TRANSACTION_ACTIONS;
    if (inline) header.ixv = v;
    const condition = prev
      ? "v = :v"
      : fresh === "unused"
        ? "attribute_not_exists(pk)"
        : "attribute_not_exists(pk) OR attribute_exists(del)";
    const values = prev ? { ExpressionAttributeValues: marshallItem({ ":v": prev.v }) } : {};
    const actions: TransactWriteItem[] = [
      { Put: { TableName: table, Item: marshallItem(header), ConditionExpression: condition, ...values } },
    ];
    if (!prev) actions.push(listingPut(table, next.id, shards), statsUpdate(table, next.id, shards, 1, after.dl, !inline));
    else actions.push(statsUpdate(table, next.id, shards, 0, after.dl - prev.dl, !inline));
    if (inline) actions.push(...changes, termListWrite(table, next.id, after.tf.keys()));
    // Neither the index nor the statistics move (metadata, same tokens): a conditional PutItem is enough.
    const headerOnly = prev !== undefined && changes.length === 0 && after.dl === prev.dl;
    try {
      if (chunks.length > 0) await this.c.exec.batchWrite(chunks, [], context);
      if (headerOnly) await this.c.exec.put(header, context, { ConditionExpression: condition, ...values });
      else await this.c.exec.transact(actions, context);
    } catch (e) {
      if (!(e instanceof TransactionCancelled && e.reasonAt(0) === "ConditionalCheckFailed") && !isConditionFailed(e)) throw e;
      // Not committed: the new chunks are referenced by nothing. (After any other failure the
      // commit may have happened with its response lost; chunks then stay, read or orphaned.)
      await this.dropChunks(chunks, context);
      return false;
    }
    if (!inline) {
      try {
        await this.finishWrite(target, state, [], context);
      } catch (e) {
        // Committed: a retry of the call would store the document twice. Say so, and leave the
        // change pending for the next write of the document or a search to complete.
        throw new UnavailableError(
          `${context}: document ${next.id} was stored, but its search index change failed (${(e as Error).message}); ` +
            "the next write of the document, or a search once indexRepairAfterMs has passed, completes it",
          { cause: e, details: { documentId: next.id, committed: true } },
        );
      }
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
    if (!isIndexed(current)) {
      await this.repair(current.doc.id, context);
      return false;
    }
    const { table } = this.c.exec;
    const id = current.doc.id;
    const state = stateOf(indexTermsOf(current.doc));
    const target: IndexTarget = { id, v: current.v + 1, terms: NO_TERMS, deleting: true };
    const changes = this.index.changes(target, state).flat();
    // A small index is removed in the transaction that hides the document.
    const inline = changes.length + 4 <= MAX_TRANSACTION_ACTIONS;
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
          statsUpdate(table, id, this.c.shards, -1, -current.dl, !inline),
          ...(inline ? [...changes, termListWrite(table, id, [])] : []),
        ],
        context,
      );
    } catch (e) {
      if (e instanceof TransactionCancelled && e.reasonAt(0) === "ConditionalCheckFailed") return false;
      throw e;
    }
    await this.finishDelete({ ...current, v: current.v + 1, pend: "delete" }, inline ? new Map() : state, context);
    return true;
  }

  /**
   * The rest of a delete whose header is hidden (read at `hidden`): postings and counters,
   * body chunks and links (one Query of the partition's link copies), then one transaction
   * makes the header a tombstone, clears the pending mark and drops the term list.
   * `state`: the postings as they are, when known; else read back from the term list.
   */
  async finishDelete(hidden: StoredDocument, state: PostingState | undefined, context: string): Promise<void> {
    const id = hidden.doc.id;
    const target: IndexTarget = { id, v: hidden.v, terms: NO_TERMS, deleting: true };
    const listed = state ? [] : await this.listed(hidden, context);
    if ((await this.index.apply(target, state, listed, context)) === "superseded") return;
    const keys: Key[] = [...chunkKeysOf(id, hidden.rev, hidden.nc)];
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
      await this.c.exec.transact(
        [
          {
            Put: {
              TableName: this.c.exec.table,
              Item: marshallItem({ ...documentHeaderKey(id), id, v: hidden.v + 1, del: 1 }),
              ConditionExpression: "v = :v AND pend = :del",
              ExpressionAttributeValues: marshallItem({ ":v": hidden.v, ":del": "delete" }),
            },
          },
          ...this.index.completion(target),
        ],
        context,
      );
    } catch (e) {
      // A concurrent re-run made the tombstone first.
      if (!(e instanceof TransactionCancelled && e.reasonAt(0) === "ConditionalCheckFailed")) throw e;
    }
  }

  /**
   * Completes the index change of document `id` as it is committed now, whoever started it
   * (a writer that crashed or failed after its commit): read the header, the term list and the
   * postings they name, apply, complete. Idempotent; concurrent repairs of one document agree.
   */
  async repair(id: number, context: string): Promise<void> {
    const header = await this.c.exec.get(documentHeaderKey(id), context);
    if (!isLive(header)) return;
    const [stored] = await loadDocuments(this.c.exec, [header], context);
    if (!stored || isIndexed(stored)) return;
    if (stored.pend === "delete") return this.finishDelete(stored, undefined, context);
    await this.finishWrite(
      { id, v: stored.v, terms: indexTermsOf(stored.doc), deleting: false },
      undefined,
      await readTermList(this.c.exec, id, context),
      context,
    );
  }

  private async finishWrite(target: IndexTarget, state: PostingState | undefined, listed: string[], context: string): Promise<void> {
    if ((await this.index.apply(target, state, listed, context)) === "applied") await this.index.complete(target, context);
  }

  private async listed(hidden: StoredDocument, context: string): Promise<string[]> {
    return [...(await readTermList(this.c.exec, hidden.doc.id, context)), ...indexTermsOf(hidden.doc).tf.keys()];
  }

  /** Best effort, after a failed commit: new chunks nothing points to are dropped. */
  private async dropChunks(chunks: Item[], context: string): Promise<void> {
    if (chunks.length === 0) return;
    try {
      await this.c.exec.batchWrite(
        [],
        chunks.map((ch) => ({ pk: ch.pk as string, sk: ch.sk as string })),
        context,
      );
    } catch {
      // The original error is what the caller needs; unreferenced chunks are never read.
    }
  }
}
