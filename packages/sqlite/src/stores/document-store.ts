import { METHOD_OPTIONS, checkOptions } from "@blue/store-core/engine";
import {
  iterateDocumentPages,
  alreadyExists,
  notFound,
  applyDocumentPatch,
  assertDocumentId,
  buildDocument,
  compareScored,
  decodeDocumentCursor,
  documentRef,
  encodeDocumentCursor,
  nextDocumentId,
  pageLimit,
  queryTokens,
  validateDocumentPatch,
  validateImportedDocument,
  validateSearch,
  importConflictPolicy,
  type DocumentFields,
  type ScoredId,
} from "@blue/store-core/engine";
import type { Statement } from "better-sqlite3";
import type { Document, DocumentPatch, DocumentStore, ImportConflictPolicy, NewDocument, Page, PageRequest } from "@blue/store-core";
import type { SqliteConnection } from "../database/connection";
import type { SqliteLinkStore } from "./link-store";
import { indexText, matchExpression, topIsSettled } from "../search/fts";

type Row = { id: number; item: string };

function toDocument(id: number, item: string): Document {
  return { id, ...(JSON.parse(item) as DocumentFields) };
}

function fieldsOf(doc: Document): string {
  const { id: _id, ...fields } = doc;
  return JSON.stringify(fields);
}

/**
 * Documents in the `documents` table (AUTOINCREMENT ids: increasing, never reused, above every
 * imported id) with the core tokens of each in the FTS5 table `documents_fts` (a table with content, so deletes keep
 * the bm25() statistics exact; contentless_delete tables do not update them).
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly lastId: Statement<[], number | bigint>;
  private readonly insertWithId: Statement<[number, string]>;
  private readonly select: Statement<[number], string>;
  private readonly update: Statement<[string, number]>;
  private readonly remove: Statement<[number]>;
  private readonly page: Statement<[number, number], Row>;
  private readonly index: Statement<[number, string]>;
  private readonly unindex: Statement<[number]>;
  private readonly rank: Statement<[string, number], { id: number; bm25: number }>;
  private readonly addTx: (fields: DocumentFields) => number;
  private readonly updateTx: (id: number, patch: DocumentPatch) => Document;
  private readonly deleteTx: (id: number) => boolean;
  private readonly importTx: (doc: Document, policy: ImportConflictPolicy) => void;
  private readonly searchTx: (match: string, limit: number) => Document[];

  constructor(
    private readonly sql: SqliteConnection,
    private readonly links: SqliteLinkStore,
  ) {
    const db = sql.db;
    this.lastId = db.prepare<[], number | bigint>("SELECT seq FROM sqlite_sequence WHERE name = 'documents'").pluck();
    this.insertWithId = db.prepare("INSERT INTO documents (id, item) VALUES (?, ?)");
    this.select = db.prepare<[number], string>("SELECT item FROM documents WHERE id = ?").pluck();
    this.update = db.prepare("UPDATE documents SET item = ? WHERE id = ?");
    this.remove = db.prepare("DELETE FROM documents WHERE id = ?");
    this.page = db.prepare("SELECT id, item FROM documents WHERE id > ? ORDER BY id LIMIT ?");
    this.index = db.prepare("INSERT INTO documents_fts (rowid, tokens) VALUES (?, ?)");
    this.unindex = db.prepare("DELETE FROM documents_fts WHERE rowid = ?");
    this.rank = db.prepare(
      "SELECT rowid AS id, bm25(documents_fts) AS bm25 FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts), rowid LIMIT ?",
    );
    this.addTx = sql.writer((fields: DocumentFields) => {
      // AUTOINCREMENT's sequence is the largest id ever used (imports included): the next one is
      // above it, and past LIMITS.documentIdMax addDocument is the core's typed error.
      const id = nextDocumentId(Number(this.lastId.get() ?? 0));
      this.insertWithId.run(id, JSON.stringify(fields));
      this.index.run(id, indexText(fields));
      return id;
    });
    this.updateTx = sql.writer((id: number, patch: DocumentPatch) => {
      const item = this.select.get(id);
      if (item === undefined) throw notFound("document", { documentId: id });
      const next = applyDocumentPatch(toDocument(id, item), patch, sql.ctx);
      this.update.run(fieldsOf(next), id);
      if (patch.title !== undefined || patch.body !== undefined) {
        this.unindex.run(id);
        this.index.run(id, indexText(next));
      }
      return next;
    });
    this.deleteTx = sql.writer((id: number) => {
      if (this.remove.run(id).changes === 0) return false;
      this.unindex.run(id);
      this.links.removeWithin(documentRef(id));
      return true;
    });
    this.importTx = sql.writer((doc: Document, policy: ImportConflictPolicy) => {
      if (this.select.get(doc.id) !== undefined) {
        if (policy === "skip") return;
        if (policy === "fail") throw alreadyExists("document", { documentId: doc.id });
        this.update.run(fieldsOf(doc), doc.id);
        this.unindex.run(doc.id);
      } else {
        this.insertWithId.run(doc.id, fieldsOf(doc));
      }
      this.index.run(doc.id, indexText(doc));
    });
    this.searchTx = sql.reader((match: string, limit: number) => {
      const toHit = (r: { id: number; bm25: number }): ScoredId => ({ id: r.id, score: -r.bm25 });
      let hits = this.rank.all(match, limit + 1).map(toHit);
      if (!topIsSettled(hits, limit)) hits = this.rank.all(match, -1).map(toHit);
      return hits
        .sort(compareScored)
        .slice(0, limit)
        .map((h) => toDocument(h.id, this.select.get(h.id)!));
    });
  }

  async addDocument(input: NewDocument): Promise<number> {
    return this.sql.run("addDocument", () => this.addTx(buildDocument(input, this.sql.ctx)));
  }

  async getDocument(id: number): Promise<Document | null> {
    return this.sql.run("getDocument", () => {
      const item = this.select.get(assertDocumentId(id));
      return item === undefined ? null : toDocument(id, item);
    });
  }

  async updateDocument(id: number, patch: DocumentPatch): Promise<Document> {
    return this.sql.run("updateDocument", () => {
      assertDocumentId(id);
      return this.updateTx(id, validateDocumentPatch(patch));
    });
  }

  async deleteDocument(id: number): Promise<boolean> {
    return this.sql.run("deleteDocument", () => this.deleteTx(assertDocumentId(id)));
  }

  async listDocumentsPage(q: PageRequest): Promise<Page<Document>> {
    return this.sql.run("listDocumentsPage", () => {
      const query = checkOptions(METHOD_OPTIONS.listDocumentsPage, q);
      const limit = pageLimit(query.limit);
      const after = decodeDocumentCursor(query.cursor) ?? 0;
      const rows = this.page.all(after, limit + 1);
      const items = rows.slice(0, limit).map((r) => toDocument(r.id, r.item));
      return rows.length > limit ? { items, cursor: encodeDocumentCursor(items[items.length - 1]!.id) } : { items };
    });
  }

  async search(query: string, limit?: number): Promise<Document[]> {
    return this.sql.run("search", () => {
      const max = validateSearch(query, limit);
      const tokens = queryTokens(query);
      return tokens.length === 0 ? [] : this.searchTx(matchExpression(tokens), max);
    });
  }

  async importDocument(doc: Document, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    return this.sql.run("importDocument", () => {
      const policy = importConflictPolicy(options, "importDocument");
      this.importTx(validateImportedDocument(doc), policy);
    });
  }

  /** Every document by id, a page at a time (core's `iterateDocumentPages`). */
  iterateDocuments(...args: Parameters<DocumentStore["iterateDocuments"]>): ReturnType<DocumentStore["iterateDocuments"]> {
    return iterateDocumentPages(this, ...args);
  }
}
