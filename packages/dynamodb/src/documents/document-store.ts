import { iterateDocumentPages } from "@blue/store-core";
import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  applyDocumentPatch,
  assertDocumentId,
  assertOptions,
  buildDocument,
  decodeDocumentCursor,
  encodeDocumentCursor,
  pageLimit,
  queryTokens,
  validateDocumentPatch,
  validateImportedDocument,
  validateSearch,
  type Document,
  type DocumentPatch,
  type DocumentStore,
  type ImportConflictPolicy,
  type NewDocument,
  type Page,
  type PageRequest,
  importConflictPolicy,
} from "@blue/store-core";
import { isConditionFailed, marshallItem } from "../client/executor";
import type { StoreContext } from "../context";
import { DOCS_PK, counterKey, documentHeaderKey, pad } from "../table/keys";
import { loadDocuments, MissingChunk, type StoredDocument } from "./body";
import { DocumentWriter } from "./document-writer";
import { rankedMatches } from "./search-index";

const MAX_ROUNDS = 8;

/**
 * Documents on DynamoDB: headers in the "DOCS" partition (ids from an atomic counter),
 * large bodies in chunk items, and a token index for BM25 search. See
 * docs/access-patterns.md for the request counts.
 */
export class DynamoDocumentStore implements DocumentStore {
  private readonly writer: DocumentWriter;

  constructor(private readonly c: StoreContext) {
    this.writer = new DocumentWriter(c);
  }

  /** Reads a document (header, then its chunks if any); retries when an update swapped the chunks meanwhile. */
  private async read(id: number, context: string): Promise<StoredDocument | undefined> {
    for (let round = 0; ; round++) {
      const header = await this.c.exec.get(documentHeaderKey(id), context);
      if (!header) return undefined;
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
    const out = await this.c.exec.update(counterKey, "addDocument", {
      UpdateExpression: "ADD c :one",
      ExpressionAttributeValues: marshallItem({ ":one": 1 }),
      ReturnValues: "UPDATED_NEW",
    });
    const id = out!.c as number;
    await this.writer.write({ id, ...fields }, undefined, "addDocument");
    return id;
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
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await this.read(id, "updateDocument");
      if (!current || current.pend) throw new NotFoundError(`document ${id} not found`, { details: { documentId: id } });
      const next = applyDocumentPatch(current.doc, checked, this.c.model);
      if (await this.writer.write(next, current, "updateDocument")) return next;
    }
    throw new UnavailableError(`updateDocument: document ${id} kept changing under concurrent writers`, { details: { documentId: id } });
  }

  async deleteDocument(id: number): Promise<boolean> {
    this.c.life.check();
    assertDocumentId(id);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await this.read(id, "deleteDocument");
      if (!current) return false;
      if (current.pend) {
        // An earlier delete was interrupted: finish it (the document already reads as absent).
        await this.writer.finishDelete(current, "deleteDocument");
        return false;
      }
      if (await this.writer.remove(current, "deleteDocument")) return true;
    }
    throw new UnavailableError(`deleteDocument: document ${id} kept changing under concurrent writers`, { details: { documentId: id } });
  }

  async listDocumentsPage(q: PageRequest): Promise<Page<Document>> {
    this.c.life.check();
    const query = assertOptions(q ?? {}, "query");
    const limit = pageLimit(query.limit);
    const after = decodeDocumentCursor(query.cursor as string | undefined) ?? 0;
    for (let round = 0; ; round++) {
      const { items } = await this.c.exec.query(
        {
          KeyConditionExpression: "pk = :pk AND sk > :after",
          FilterExpression: "attribute_not_exists(pend)",
          ExpressionAttributeValues: marshallItem({ ":pk": DOCS_PK, ":after": pad(after) }),
          ConsistentRead: true,
          Limit: limit + 1,
        },
        "listDocumentsPage",
        (got) => got.length > limit,
      );
      try {
        const docs = (await loadDocuments(this.c.exec, items.slice(0, limit), "listDocumentsPage")).map((s) => s.doc);
        return items.length > limit ? { items: docs, cursor: encodeDocumentCursor(docs[docs.length - 1]!.id) } : { items: docs };
      } catch (e) {
        if (!(e instanceof MissingChunk) || round >= 3) throw e;
      }
    }
  }

  async search(query: string, limit?: number): Promise<Document[]> {
    this.c.life.check();
    const max = validateSearch(query, limit);
    const tokens = queryTokens(query);
    if (tokens.length === 0) return [];
    const ranked = await rankedMatches(this.c.exec, tokens);
    const out: Document[] = [];
    // Load in rank order; a hit whose document was deleted meanwhile is skipped.
    for (let i = 0; i < ranked.length && out.length < max; ) {
      const batch = ranked.slice(i, i + Math.min(100, max - out.length));
      i += batch.length;
      const headers = await this.c.exec.batchGet(batch.map((h) => documentHeaderKey(h.id)), "search");
      const present = batch.map((h) => headers.get(`${DOCS_PK}\u0000${pad(h.id)}`)).filter((h): h is NonNullable<typeof h> => h !== undefined && h.pend === undefined);
      out.push(...(await loadDocuments(this.c.exec, present, "search")).map((s) => s.doc));
    }
    return out;
  }

  async importDocument(doc: Document, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    this.c.life.check();
    const policy = importConflictPolicy(options);
    const clean = validateImportedDocument(doc);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let current = await this.read(clean.id, "importDocument");
      if (current?.pend) {
        await this.writer.finishDelete(current, "importDocument");
        current = undefined;
      }
      if (current) {
        if (policy === "skip") return;
        if (policy === "fail") throw new ConflictError("ALREADY_EXISTS", `document ${clean.id} already exists`, { details: { documentId: clean.id } });
      }
      await this.raiseCounter(clean.id);
      if (await this.writer.write(clean, current, "importDocument")) return;
    }
    throw new UnavailableError(`importDocument: document ${clean.id} kept changing under concurrent writers`, { details: { documentId: clean.id } });
  }

  /** Keeps later addDocument ids above `id`: c = max(c, id). */
  private async raiseCounter(id: number): Promise<void> {
    try {
      await this.c.exec.update(counterKey, "importDocument", {
        UpdateExpression: "SET c = :id",
        ConditionExpression: "attribute_not_exists(c) OR c < :id",
        ExpressionAttributeValues: marshallItem({ ":id": id }),
      });
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }

  /** Every document by id, a page at a time (core's `iterateDocumentPages`). */
  iterateDocuments(...args: Parameters<DocumentStore["iterateDocuments"]>): ReturnType<DocumentStore["iterateDocuments"]> {
    return iterateDocumentPages(this, ...args);
  }
}
