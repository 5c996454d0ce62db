import {
  METHOD_OPTIONS,
  checkOptions,
  iterateDocumentPages,
  applyDocumentPatch,
  assertDocumentId,
  buildDocument,
  decodeDocumentCursor,
  encodeDocumentCursor,
  pageLimit,
  queryTokens,
  validateDocumentPatch,
  validateImportedDocument,
  validateSearch,
  importConflictPolicy,
  alreadyExists,
  notFound,
} from "@blue/store-core/engine";
import {
  UnavailableError,
  type Document,
  type DocumentPatch,
  type DocumentStore,
  type ImportConflictPolicy,
  type NewDocument,
  type Page,
  type PageRequest,
} from "@blue/store-core";
import { keyId, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { documentHeaderKey } from "../table/keys";
import { isLive, loadDocuments, MissingChunk, type StoredDocument } from "./body";
import { DocumentWriter } from "./document-writer";
import { IdLease } from "./id-lease";
import { listedIds } from "./listing";
import { readPlan } from "../search/plan";
import { rankTop } from "../search/rank";
import { inParallel } from "../client/executor";

/**
 * Documents on DynamoDB: a partition per document (header, large bodies in chunk items, link
 * copies), ids from blocks leased per handle, a sharded id listing and sharded corpus
 * statistics, and a token index for BM25 search. See docs/access-patterns.md for the request
 * counts and the keys each method writes.
 */
/** addDocument gives up after this many leased ids in a row turned out taken (one whole block). */
const MAX_SKIPPED_IDS = 1024;

export class DynamoDocumentStore implements DocumentStore {
  private readonly writer: DocumentWriter;
  private readonly ids: IdLease;

  constructor(private readonly c: StoreContext) {
    this.writer = new DocumentWriter(c);
    this.ids = new IdLease(c.exec);
  }

  /** Reads a document (header, then its chunks if any); retries when an update swapped the chunks meanwhile. */
  private async read(id: number, context: string): Promise<StoredDocument | undefined> {
    for (let round = 0; ; round++) {
      const header = await this.c.exec.get(documentHeaderKey(id), context);
      if (!isLive(header)) return undefined;
      try {
        return (await loadDocuments(this.c.exec, [header], context))[0];
      } catch (e) {
        if (!(e instanceof MissingChunk) || round >= 3) throw e;
      }
    }
  }

  async addDocument(input: NewDocument): Promise<number> {
    this.c.life.check();
    const fields = buildDocument(input, this.c.model);
    // An id is skipped when its header exists: a document imported into this handle's block
    // by another handle, or the tombstone of one deleted since.
    for (let round = 0; ; round++) {
      const id = await this.ids.take();
      if (await this.writer.write({ id, ...fields }, undefined, "addDocument")) return id;
      if (round >= MAX_SKIPPED_IDS)
        throw new UnavailableError(`addDocument: ${round + 1} leased ids in a row were taken by imported documents`, {
          details: { documentId: id },
        });
    }
  }

  async getDocument(id: number): Promise<Document | null> {
    this.c.life.check();
    assertDocumentId(id);
    const stored = await this.read(id, "getDocument");
    return stored && !stored.pend ? stored.doc : null;
  }

  async updateDocument(id: number, patch: DocumentPatch): Promise<Document> {
    this.c.life.check();
    assertDocumentId(id);
    const checked = validateDocumentPatch(patch);
    for await (const _round of this.c.exec.rounds()) {
      const current = await this.read(id, "updateDocument");
      if (!current || current.pend) throw notFound("document", { documentId: id });
      const next = applyDocumentPatch(current.doc, checked, this.c.model);
      if (await this.writer.write(next, current, "updateDocument")) return next;
    }
    throw new UnavailableError(`updateDocument: document ${id} kept changing under concurrent writers`, { details: { documentId: id } });
  }

  async deleteDocument(id: number): Promise<boolean> {
    this.c.life.check();
    assertDocumentId(id);
    for await (const _round of this.c.exec.rounds()) {
      const current = await this.read(id, "deleteDocument");
      if (!current) return false;
      if (current.pend) {
        // An earlier delete was interrupted: finish it (the document already reads as absent).
        await this.writer.repair(id, "deleteDocument");
        return false;
      }
      if (await this.writer.remove(current, "deleteDocument")) return true;
    }
    throw new UnavailableError(`deleteDocument: document ${id} kept changing under concurrent writers`, { details: { documentId: id } });
  }

  async listDocumentsPage(q: PageRequest): Promise<Page<Document>> {
    this.c.life.check();
    const query = checkOptions(METHOD_OPTIONS.listDocumentsPage, q);
    const limit = pageLimit(query.limit);
    const after = decodeDocumentCursor(query.cursor) ?? 0;
    for (let round = 0; ; round++) {
      const { ids, more } = await listedIds(this.c.exec, this.c.shards, after, limit);
      try {
        const docs = await this.load(ids, "listDocumentsPage");
        // A document hidden by a delete between the two reads is skipped; read again so the page stays full.
        if (docs.length < ids.length && round < 3) continue;
        return more && ids.length > 0 ? { items: docs, cursor: encodeDocumentCursor(ids[ids.length - 1]!) } : { items: docs };
      } catch (e) {
        if (!(e instanceof MissingChunk) || round >= 3) throw e;
      }
    }
  }

  /** The visible documents of `ids`, in that order (BatchGetItem of the headers, then of any chunks). */
  private async load(ids: number[], context: string): Promise<Document[]> {
    const headers = ids.length > 0 ? await this.c.exec.batchGet(ids.map(documentHeaderKey), context) : new Map<string, Item>();
    const present = ids.map((id) => headers.get(keyId(documentHeaderKey(id)))).filter((h): h is Item => isLive(h) && h.pend === undefined);
    return (await loadDocuments(this.c.exec, present, context)).map((s) => s.doc);
  }

  async search(query: string, limit?: number): Promise<Document[]> {
    this.c.life.check();
    const max = validateSearch(query, limit);
    const tokens = queryTokens(query);
    if (tokens.length === 0) return [];
    for (let round = 0; ; round++) {
      const plan = await readPlan(this.c.exec, this.c.shards, tokens);
      // Index changes a writer left incomplete for longer than the repair delay are completed first.
      const stale = plan.pending.filter((p) => Date.now() - p.at >= this.c.indexRepairAfterMs);
      if (stale.length > 0 && round === 0) {
        await inParallel(stale, 4, (p) => this.writer.repair(p.id, "search"));
        continue;
      }
      const ranked = await rankTop(this.c.exec, tokens, plan.lists, plan.corpus, max);
      // A hit whose document was deleted since its postings were read is left out.
      return ranked.length > 0
        ? this.load(
            ranked.map((h) => h.id),
            "search",
          )
        : [];
    }
  }

  async importDocument(doc: Document, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    this.c.life.check();
    const policy = importConflictPolicy(options, "importDocument");
    const clean = validateImportedDocument(doc);
    for await (const _round of this.c.exec.rounds()) {
      let current = await this.read(clean.id, "importDocument");
      if (current?.pend) {
        await this.writer.repair(clean.id, "importDocument");
        current = undefined;
      }
      if (current) {
        if (policy === "skip") return;
        if (policy === "fail") throw alreadyExists("document", { documentId: clean.id });
      }
      await this.ids.raiseCounter(clean.id, "importDocument");
      this.ids.raise(clean.id);
      if (await this.writer.write(clean, current, "importDocument", "unused-or-deleted")) return;
    }
    throw new UnavailableError(`importDocument: document ${clean.id} kept changing under concurrent writers`, {
      details: { documentId: clean.id },
    });
  }

  /** Every document by id, a page at a time (core's `iterateDocumentPages`). */
  iterateDocuments(...args: Parameters<DocumentStore["iterateDocuments"]>): ReturnType<DocumentStore["iterateDocuments"]> {
    return iterateDocumentPages(this, ...args);
  }
}
