import { randomBytes } from "node:crypto";
import { InternalError, type Document } from "@blue/store-core";
import { utf8ByteLength } from "@blue/store-core/engine";
import type { Executor, Item } from "../client/executor";
import { chunkKey, documentHeaderKey, type Key } from "../table/keys";

/** Bodies are stored inline while the header stays below this many bytes, else in chunks. */
export const INLINE_LIMIT_BYTES = 350_000;
/** Bytes of body per chunk item (DynamoDB items are at most 400 KB). */
export const CHUNK_BYTES = 350_000;

/**
 * Document header attributes (pk ("DOC", id), sk "#"): id, h (the document without its body,
 * as JSON), b (the body, when inline) or rev + nc (the revision and count of its body chunks:
 * binary UTF-8 slices, byte for byte), dl (token length, for the corpus statistics), v
 * (version, for optimistic concurrency), ixv (the version whose index change is complete:
 * ../search/index-writer.ts), pend ("delete" while a delete runs). A deleted
 * document leaves a tombstone header (id, v, del = 1: reads as absent), so no handle ever
 * assigns its id again; importDocument may write over a tombstone.
 */
export interface StoredDocument {
  doc: Document;
  /** "delete" while a delete runs: the document reads as absent. */
  pend?: string;
  v: number;
  /** The version whose index change is complete (absent while the first one runs). */
  ixv?: number;
  dl: number;
  rev?: string;
  nc?: number;
}

/** A fresh chunk revision: chunks of a new body never overwrite the chunks the header points to. */
export const newRevision = () => randomBytes(6).toString("base64url");

/** The header item and the chunk items of a document at version `v`. */
export function documentItems(
  doc: Document,
  v: number,
  dl: number,
  keepChunks?: { rev: string; nc: number },
): { header: Item; chunks: Item[] } {
  const { body, ...head } = doc;
  const h = JSON.stringify(head);
  const header: Item = { ...documentHeaderKey(doc.id), id: doc.id, h, dl, v };
  if (utf8ByteLength(h) + utf8ByteLength(body) <= INLINE_LIMIT_BYTES) {
    header.b = body;
    return { header, chunks: [] };
  }
  if (keepChunks) {
    Object.assign(header, keepChunks);
    return { header, chunks: [] };
  }
  const bytes = Buffer.from(body, "utf8");
  const rev = newRevision();
  const chunks: Item[] = [];
  for (let i = 0, n = 0; i < bytes.length; i += CHUNK_BYTES, n++) {
    chunks.push({ ...chunkKey(doc.id, rev, n), d: new Uint8Array(bytes.subarray(i, i + CHUNK_BYTES)) });
  }
  Object.assign(header, { rev, nc: chunks.length });
  return { header, chunks };
}

/** The chunk keys a header points to. */
export function chunkKeysOf(id: number, rev: string | undefined, nc: number | undefined): Key[] {
  if (rev === undefined || nc === undefined) return [];
  return Array.from({ length: nc }, (_, i) => chunkKey(id, rev, i));
}

/** Headers to documents, loading chunked bodies with one BatchGetItem per 100 chunks. */
export async function loadDocuments(exec: Executor, headers: Item[], context: string): Promise<StoredDocument[]> {
  const keys = headers.flatMap((h) => chunkKeysOf(h.id as number, h.rev as string | undefined, h.nc as number | undefined));
  const chunks = keys.length > 0 ? await exec.batchGet(keys, context) : new Map<string, Item>();
  return headers.map((h) => {
    const id = h.id as number;
    let body = h.b as string | undefined;
    if (body === undefined) {
      const parts = chunkKeysOf(id, h.rev as string, h.nc as number).map((k) => {
        const c = chunks.get(`${k.pk}\u0000${k.sk}`);
        if (!c) throw new MissingChunk(id);
        return c.d as Uint8Array;
      });
      body = Buffer.concat(parts).toString("utf8");
    }
    const head = JSON.parse(h.h as string) as Omit<Document, "body">;
    const doc = { ...head, body } as Document;
    const stored: StoredDocument = { doc, v: h.v as number, dl: h.dl as number };
    if (typeof h.pend === "string") stored.pend = h.pend;
    if (typeof h.ixv === "number") stored.ixv = h.ixv;
    if (h.rev !== undefined) Object.assign(stored, { rev: h.rev, nc: h.nc });
    return stored;
  });
}

/** True when the index holds exactly this version of the document (no index change pending). */
export const isIndexed = (d: StoredDocument): boolean => d.ixv === d.v && d.pend === undefined;

/** True for a header that stands for a document: not a tombstone of a deleted one. */
export const isLive = (h: Item | undefined): h is Item => h !== undefined && h.del === undefined;

/** A chunk vanished between reading a header and its chunks (a concurrent update): read again. */
export class MissingChunk extends InternalError {
  constructor(id: number) {
    super(`document ${id}: a body chunk changed while it was read`, { details: { documentId: id } });
  }
}
