import { iterateDocumentPages } from "../model/iterate";
import { alreadyExists, notFound } from "../errors/factories";
import type { Document, DocumentPatch, NewDocument } from "../types/entities";
import type { DocumentStore, ImportConflictPolicy, Page, PageRequest } from "../types/stores";
import type { ModelContext } from "../model/context";
import {
  applyDocumentPatch,
  buildDocument,
  nextDocumentId,
  validateDocumentPatch,
  validateImportedDocument,
  validateSearch,
} from "../model/documents";
import { decodeDocumentCursor, encodeDocumentCursor, pageOf } from "../model/paging";
import { bm25Score, rankHits, type ScoredId } from "../search/bm25";
import { documentTerms, queryTokens } from "../search/tokenizer";
import { assertDocumentId, pageLimit } from "../validation/scalars";
import { checkOptions } from "../validation/options";
import { METHOD_OPTIONS } from "../model/options";
import { importConflictPolicy } from "../model/import-policy";
import { documentRef } from "../validation/entity-refs";
import type { MemoryLinkStore } from "./link-store";
import { clone, type Lifecycle } from "./state";

/** The memory backend's document store, with an inverted index for search. */
export class MemoryDocumentStore implements DocumentStore {
  private readonly docs = new Map<number, Document>();
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths = new Map<number, number>();
  private totalLength = 0;
  private lastId = 0;

  constructor(
    private readonly life: Lifecycle,
    private readonly ctx: ModelContext,
    private readonly links: MemoryLinkStore,
  ) {}

  private index(doc: Document): void {
    const terms = documentTerms(doc);
    for (const [token, tf] of terms.frequencies) {
      let p = this.postings.get(token);
      if (!p) this.postings.set(token, (p = new Map()));
      p.set(doc.id, tf);
    }
    this.lengths.set(doc.id, terms.length);
    this.totalLength += terms.length;
  }

  private unindex(doc: Document): void {
    for (const token of documentTerms(doc).frequencies.keys()) {
      const p = this.postings.get(token);
      p?.delete(doc.id);
      if (p && p.size === 0) this.postings.delete(token);
    }
    this.totalLength -= this.lengths.get(doc.id) ?? 0;
    this.lengths.delete(doc.id);
  }

  private store(doc: Document): void {
    const old = this.docs.get(doc.id);
    if (old) this.unindex(old);
    this.docs.set(doc.id, doc);
    this.index(doc);
  }

  async addDocument(input: NewDocument): Promise<number> {
    this.life.check();
    const fields = buildDocument(input, this.ctx);
    const id = nextDocumentId(this.lastId);
    this.lastId = id;
    this.store({ id, ...fields });
    return id;
  }

  async getDocument(id: number): Promise<Document | null> {
    this.life.check();
    assertDocumentId(id);
    const doc = this.docs.get(id);
    return doc ? clone(doc) : null;
  }

  async updateDocument(id: number, patch: DocumentPatch): Promise<Document> {
    this.life.check();
    assertDocumentId(id);
    const checked = validateDocumentPatch(patch);
    const current = this.docs.get(id);
    if (!current) throw notFound("document", { documentId: id });
    const next = applyDocumentPatch(current, checked, this.ctx);
    this.store(next);
    return clone(next);
  }

  async deleteDocument(id: number): Promise<boolean> {
    this.life.check();
    assertDocumentId(id);
    const doc = this.docs.get(id);
    if (!doc) return false;
    this.unindex(doc);
    this.docs.delete(id);
    this.links.removeWithin(documentRef(id));
    return true;
  }

  async listDocumentsPage(q: PageRequest): Promise<Page<Document>> {
    this.life.check();
    const query = checkOptions(METHOD_OPTIONS.listDocumentsPage, q);
    const limit = pageLimit(query.limit);
    const after = decodeDocumentCursor(query.cursor);
    const sorted = [...this.docs.values()].sort((a, b) => a.id - b.id);
    const page = pageOf(
      sorted,
      limit,
      after,
      (d, last) => d.id > last,
      (last) => encodeDocumentCursor(last.id),
    );
    return clone(page);
  }

  async search(query: string, limit?: number): Promise<Document[]> {
    this.life.check();
    const max = validateSearch(query, limit);
    const tokens = queryTokens(query);
    if (tokens.length === 0) return [];
    const lists = tokens.map((t) => this.postings.get(t));
    if (lists.some((l) => l === undefined)) return [];
    const postings = lists as Map<number, number>[];
    const smallest = postings.reduce((a, b) => (a.size <= b.size ? a : b));
    const corpus = { documentCount: this.docs.size, totalLength: this.totalLength };
    const dfs = postings.map((p) => p.size);
    const hits: ScoredId[] = [];
    for (const id of smallest.keys()) {
      const tfs = postings.map((p) => p.get(id) ?? 0);
      if (tfs.some((tf) => tf === 0)) continue;
      hits.push({ id, score: bm25Score(tfs, dfs, this.lengths.get(id)!, corpus) });
    }
    return rankHits(hits, max).map((h) => clone(this.docs.get(h.id)!));
  }

  async importDocument(doc: Document, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    this.life.check();
    const policy = importConflictPolicy(options, "importDocument");
    const clean = validateImportedDocument(doc);
    if (this.docs.has(clean.id)) {
      if (policy === "skip") return;
      if (policy === "fail") throw alreadyExists("document", { documentId: clean.id });
    }
    this.store(clean);
    this.lastId = Math.max(this.lastId, clean.id);
  }

  /** Every document by id, a page at a time (core's `iterateDocumentPages`). */
  iterateDocuments(...args: Parameters<DocumentStore["iterateDocuments"]>): ReturnType<DocumentStore["iterateDocuments"]> {
    return iterateDocumentPages(this, ...args);
  }
}
