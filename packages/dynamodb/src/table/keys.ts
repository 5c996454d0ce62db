import { createHash } from "node:crypto";
import { encodeKey, utf8ByteLength } from "@blue/store-core";

/**
 * The physical key layout of the single table. Every key is an `encodeKey` tuple whose first
 * part names the entity kind, so no user string (ids, refs, tokens, generic keys) can forge
 * another entity's key or reach into another partition's range.
 *
 * | entity            | pk                         | sk                              |
 * | dialogue header   | ("DLG", id)                | "#"                             |
 * | perspective       | ("DLG", id)                | ("P", perspectiveId)            |
 * | tension           | ("DLG", id)                | ("T", tensionId)                |
 * | tension event     | ("DLG", id)                | ("E", tensionId, seq16)         |
 * | link copy         | ("DLG", id) / ("DOC", n)   | ("L", from, to, kind)           |
 * | document header   | "DOCS"                     | id16                            |
 * | document counter  | "DOCS"                     | "#counter"                      |
 * | corpus statistics | "DOCS"                     | "#stats"                        |
 * | body chunk        | ("DOC", n)                 | ("C", rev, index6)              |
 * | posting           | ("TK", token) or ("TKH", sha256(token)) | id16               |
 * | link              | "LINKS"                    | (from, to, kind)                |
 * | link by target    | ("LT", to)                 | (kind, from)                    |
 * | generic item      | ("G", schema, sha256(pk))  | the raw sk                      |
 */

export type Key = { pk: string; sk: string };

/** Zero-padded decimal so numeric order equals byte order. */
export function pad(n: number, width = 16): string {
  return String(n).padStart(width, "0");
}

function sha(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("base64url");
}

export const HEADER_SK = "#";
export const DOCS_PK = "DOCS";
export const COUNTER_SK = "#counter";
export const STATS_SK = "#stats";
export const LINKS_PK = "LINKS";

export const dialoguePk = (id: string) => encodeKey(["DLG", id]);
export const dialogueHeaderKey = (id: string): Key => ({ pk: dialoguePk(id), sk: HEADER_SK });
export const perspectiveKey = (dialogueId: string, id: string): Key => ({ pk: dialoguePk(dialogueId), sk: encodeKey(["P", id]) });
export const tensionKey = (dialogueId: string, id: string): Key => ({ pk: dialoguePk(dialogueId), sk: encodeKey(["T", id]) });
export const eventKey = (dialogueId: string, tensionId: string, seq: number): Key => ({
  pk: dialoguePk(dialogueId),
  sk: encodeKey(["E", tensionId, pad(seq)]),
});

export const documentHeaderKey = (id: number): Key => ({ pk: DOCS_PK, sk: pad(id) });
export const documentPk = (id: number) => encodeKey(["DOC", String(id)]);
export const chunkKey = (id: number, rev: string, index: number): Key => ({ pk: documentPk(id), sk: encodeKey(["C", rev, pad(index, 6)]) });
export const counterKey: Key = { pk: DOCS_PK, sk: COUNTER_SK };
export const statsKey: Key = { pk: DOCS_PK, sk: STATS_SK };

/** Tokens longer than this many bytes are addressed by their hash (DynamoDB's pk limit is 2048). */
const TOKEN_INLINE_MAX_BYTES = 1024;
export function postingPk(token: string): string {
  return utf8ByteLength(token) <= TOKEN_INLINE_MAX_BYTES ? encodeKey(["TK", token]) : encodeKey(["TKH", sha(token)]);
}
export const postingKey = (token: string, docId: number): Key => ({ pk: postingPk(token), sk: pad(docId) });

export const linkKey = (from: string, to: string, kind: string): Key => ({ pk: LINKS_PK, sk: encodeKey([from, to, kind]) });
export const linkTargetKey = (from: string, to: string, kind: string): Key => ({ pk: encodeKey(["LT", to]), sk: encodeKey([kind, from]) });
export const linkCopySk = (from: string, to: string, kind: string) => encodeKey(["L", from, to, kind]);

/** The generic store's partition: the raw pk (up to 2048 bytes) is hashed and kept as attribute `rpk`. */
export const genericPk = (schema: string, pk: string) => encodeKey(["G", schema, sha(pk)]);

/** GSI partitions of dialogue headers. */
export const statusPartition = (status: string) => encodeKey(["DS", status]);
export const ALL_DIALOGUES_PARTITION = "DLGS";

/**
 * The listing sort key: (updatedAt descending, id ascending) as an ascending string. The
 * timestamp form is fixed, so replacing every digit d by 9 − d reverses its order.
 */
export function listingSortKey(updatedAt: string, id: string): string {
  const inverted = updatedAt.replace(/[0-9]/g, (d) => String(9 - Number(d)));
  return encodeKey([inverted, id]);
}
