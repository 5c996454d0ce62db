import {
  METHOD_OPTIONS,
  checkOptions,
  iterateDocumentPages,
  applyDocumentPatch,
  assertDocumentId,
  nextDocumentId,
  bm25Score,
  buildDocument,
  decodeDocumentCursor,
  documentRef,
  documentTerms,
  encodeDocumentCursor,
  pageLimit,
  pageOf,
  queryTokens,
  rankHits,
  validateDocumentPatch,
  validateImportedDocument,
  validateSearch,
  importConflictPolicy,
  alreadyExists,
  notFound,
  type ModelContext,
  type ScoredId,
} from "@blue/store-core/engine";
import type { Document, DocumentPatch, DocumentStore, ImportConflictPolicy, NewDocument, Page, PageRequest } from "@blue/store-core";
import type { FileEngine } from "./file-engine";
import { removeLinksWithin } from "./links";
import { copy, type State } from "./state";

const byId = (s: State) => Object.values(s.documents).sort((a, b) => a.id - b.id);

/**
 * Documents on the file engine. Search scores every document with core's tokenizer and BM25
 * scorer at query time: no index to keep in sync, fine for a small file-based store.
 */
export class FileDocumentStore implements DocumentStore {
  constructor(
    private readonly engine: FileEngine,
    private readonly ctx: ModelContext,
  ) {}

  async addDocument(input: NewDocument): Promise<number> {
    this.engine.checkOpen();
    const fields = buildDocument(input, this.ctx);
    return this.engine.write((s) => {
      const id = (s.lastDocumentId = nextDocumentId(s.lastDocumentId));
      s.documents[id] = { id, ...fields };
      return id;
    });
  }

  async getDocument(id: number): Promise<Document | null> {
    this.engine.checkOpen();
    assertDocumentId(id);
    return this.engine.read((s) => (s.documents[id] ? copy(s.documents[id]!) : null));
  }

  async updateDocument(id: number, patch: DocumentPatch): Promise<Document> {
    this.engine.checkOpen();
    assertDocumentId(id);
    const checked = validateDocumentPatch(patch);
    return this.engine.write((s) => {
      const current = s.documents[id];
      if (!current) throw notFound("document", { documentId: id });
      const next = applyDocumentPatch(current, checked, this.ctx);
      s.documents[id] = next;
      return copy(next);
    });
  }

  async deleteDocument(id: number): Promise<boolean> {
    this.engine.checkOpen();
    assertDocumentId(id);
    return this.engine.write((s) => {
      if (!s.documents[id]) return false;
      delete s.documents[id];
      removeLinksWithin(s, documentRef(id));
      return true;
    });
  }

  async listDocumentsPage(q: PageRequest): Promise<Page<Document>> {
    this.engine.checkOpen();
    const query = checkOptions(METHOD_OPTIONS.listDocumentsPage, q);
    const limit = pageLimit(query.limit);
    const after = decodeDocumentCursor(query.cursor);
    return this.engine.read((s) =>
      copy(
        pageOf(
          byId(s),
          limit,
          after,
          (d, last) => d.id > last,
          (last) => encodeDocumentCursor(last.id),
        ),
      ),
    );
  }

  async search(query: string, limit?: number): Promise<Document[]> {
    this.engine.checkOpen();
    const max = validateSearch(query, limit);
    const tokens = queryTokens(query);
    if (tokens.length === 0) return [];
    return this.engine.read((s) => {
      const docs = byId(s).map((doc) => ({ doc, terms: documentTerms(doc) }));
      const corpus = { documentCount: docs.length, totalLength: docs.reduce((n, d) => n + d.terms.length, 0) };
      const dfs = tokens.map((t) => docs.filter((d) => d.terms.frequencies.has(t)).length);
      const hits: ScoredId[] = [];
      for (const { doc, terms } of docs) {
        const tfs = tokens.map((t) => terms.frequencies.get(t) ?? 0);
        if (tfs.every((tf) => tf > 0)) hits.push({ id: doc.id, score: bm25Score(tfs, dfs, terms.length, corpus) });
      }
      return rankHits(hits, max).map((h) => copy(s.documents[h.id]!));
    });
  }

  async importDocument(doc: Document, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    this.engine.checkOpen();
    const policy = importConflictPolicy(options, "importDocument");
    const clean = validateImportedDocument(doc);
    return this.engine.write((s) => {
      if (s.documents[clean.id]) {
        if (policy === "skip") return;
        if (policy === "fail") throw alreadyExists("document", { documentId: clean.id });
      }
      s.documents[clean.id] = clean;
      s.lastDocumentId = Math.max(s.lastDocumentId, clean.id);
    });
  }

  /** Every document by id, a page at a time (core's `iterateDocumentPages`). */
  iterateDocuments(...args: Parameters<DocumentStore["iterateDocuments"]>): ReturnType<DocumentStore["iterateDocuments"]> {
    return iterateDocumentPages(this, ...args);
  }
}
