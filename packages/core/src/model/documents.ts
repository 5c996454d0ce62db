import { ValidationError } from "../errors";
import type { Document, DocumentPatch, NewDocument } from "../types/entities";
import { assertJsonSize, normalizeJsonObject } from "../validation/json";
import { LIMITS } from "../validation/limits";
import { assertDocumentId, assertInteger, assertMaxBytes, assertString, assertTimestamp, laterTimestamp } from "../validation/scalars";
import { utf8ByteLength } from "../encoding/utf8";
import { tokenCountBound } from "../search/token-bound";
import { documentText, queryTokens, tokenize } from "../search/tokenizer";
import type { ModelContext } from "./context";

/** A document before the store assigns its id. */
export type DocumentFields = Omit<Document, "id">;

/** Measures a document the same way on add, update and import: the body alone, then the rest without body and id. */
function checkSize(doc: DocumentFields | Document): void {
  assertMaxBytes(doc.body, LIMITS.documentBodyMaxBytes, "the document body");
  const { body: _body, id: _id, ...head } = doc as Document;
  assertJsonSize(head, "the document without its body");
}

/**
 * A document's indexed text holds at most LIMITS.documentMaxTokens distinct tokens, so every
 * document a store accepts is searchable by every token it holds. Only a text long enough to
 * exceed the limit is tokenized here.
 */
function checkTokens(doc: { title: string; body: string }): void {
  const max = LIMITS.documentMaxTokens;
  const text = documentText(doc);
  if (tokenCountBound(text) <= max) return;
  const count = new Set(tokenize(text)).size;
  if (count > max) {
    throw new ValidationError(`document: ${count} distinct search tokens in title and body; the limit is ${max}`, {
      details: { field: "body", limit: max },
    });
  }
}

/** Validates `addDocument` input and builds the document to store (without its id). */
export function buildDocument(input: NewDocument, ctx: ModelContext): DocumentFields {
  if (typeof input !== "object" || input === null)
    throw new ValidationError("document must be an object", { details: { field: "document" } });
  const createdAt = input.createdAt === undefined ? ctx.now() : assertTimestamp(input.createdAt, "document.createdAt");
  const doc: DocumentFields = {
    title: assertString(input.title, "document.title"),
    body: assertString(input.body, "document.body"),
    createdAt,
    updatedAt: createdAt,
  };
  if (input.kind !== undefined) doc.kind = assertString(input.kind, "document.kind");
  if (input.path !== undefined) doc.path = assertString(input.path, "document.path");
  if (input.metadata !== undefined) doc.metadata = normalizeJsonObject(input.metadata, "document.metadata");
  checkSize(doc);
  checkTokens(doc);
  return doc;
}

/** Validates a document patch before the document is read. */
export function validateDocumentPatch(patch: DocumentPatch): DocumentPatch {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
    throw new ValidationError("patch must be an object", { details: { field: "patch" } });
  }
  const out: DocumentPatch = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    switch (k) {
      case "title":
      case "body":
        out[k] = assertString(v, `patch.${k}`);
        break;
      case "kind":
      case "path":
        out[k] = v === null ? null : assertString(v, `patch.${k}`);
        break;
      case "metadata":
        out.metadata = v === null ? null : normalizeJsonObject(v, "patch.metadata");
        break;
      default:
        throw new ValidationError(`patch.${k}: not a field updateDocument can change`, { details: { field: `patch.${k}` } });
    }
  }
  if (out.body !== undefined) assertMaxBytes(out.body, LIMITS.documentBodyMaxBytes, "the document body");
  return out;
}

/** Applies a validated patch; `updatedAt` moves to now (never backwards). */
export function applyDocumentPatch(current: Document, patch: DocumentPatch, ctx: ModelContext): Document {
  const next: Document = { ...current };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.body !== undefined) next.body = patch.body;
  for (const k of ["kind", "path"] as const) {
    if (patch[k] === null) delete next[k];
    else if (patch[k] !== undefined) next[k] = patch[k] as string;
  }
  if (patch.metadata === null) delete next.metadata;
  else if (patch.metadata !== undefined) next.metadata = patch.metadata;
  next.updatedAt = laterTimestamp(current.updatedAt, ctx.now());
  checkSize(next);
  if (patch.title !== undefined || patch.body !== undefined) checkTokens(next);
  return next;
}

/** Validates a search query (bytes, then distinct tokens) and limit; returns the limit to use. */
export function validateSearch(query: unknown, limit: unknown): number {
  assertString(query, "query");
  const size = utf8ByteLength(query as string);
  if (size > LIMITS.searchQueryMaxBytes) {
    throw new ValidationError(`query: ${size} bytes; the limit is ${LIMITS.searchQueryMaxBytes}`, { details: { field: "query" } });
  }
  const maxTokens = LIMITS.searchQueryMaxTokens;
  if (tokenCountBound(query as string) > maxTokens) {
    const count = queryTokens(query as string).length;
    if (count > maxTokens) {
      throw new ValidationError(`query: ${count} distinct search tokens; the limit is ${maxTokens}`, {
        details: { field: "query", limit: maxTokens },
      });
    }
  }
  return limit === undefined ? LIMITS.searchDefaultLimit : assertInteger(limit, "limit", 1, LIMITS.searchMaxLimit);
}

/** Validates a whole document for `importDocument` (id and timestamps included). */
export function validateImportedDocument(input: Document): Document {
  if (typeof input !== "object" || input === null)
    throw new ValidationError("document must be an object", { details: { field: "document" } });
  const id = assertDocumentId(input.id, "document.id");
  if (input.createdAt === undefined)
    throw new ValidationError("document.createdAt: is missing", { details: { field: "document.createdAt" } });
  const fields = buildDocument(input, { now: () => input.createdAt, newId: () => "" });
  fields.updatedAt = assertTimestamp(input.updatedAt, "document.updatedAt");
  if (fields.updatedAt < fields.createdAt)
    throw new ValidationError("document.updatedAt: is before createdAt", { details: { field: "document.updatedAt" } });
  for (const k of Object.keys(input)) {
    if (!["id", "title", "body", "kind", "path", "metadata", "createdAt", "updatedAt"].includes(k)) {
      throw new ValidationError(`document.${k}: not a field of a document`, { details: { field: `document.${k}` } });
    }
  }
  return { id, ...fields };
}

/**
 * The error of `addDocument` when no id is left: every backend assigns ids up to
 * LIMITS.documentIdMax and never past it (an imported document may hold the last one).
 */
export function documentIdsExhausted(last: number): ValidationError {
  return new ValidationError(
    `addDocument: no document id is left (ids go up to ${LIMITS.documentIdMax}, LIMITS.documentIdMax, and ${last} is taken); import documents under lower ids or use another store`,
    { details: { field: "id", limit: LIMITS.documentIdMax } },
  );
}

/** The id after `last` for `addDocument`, or the typed error when `last` is the largest id. */
export function nextDocumentId(last: number): number {
  if (last >= LIMITS.documentIdMax) throw documentIdsExhausted(last);
  return last + 1;
}
