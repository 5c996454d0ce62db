import { createHash } from "node:crypto";
import { encodeKey, utf8ByteLength } from "@blue/store-core/engine";
import { shardOf } from "./shards";

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
 * | link copy         | ("DLG", id) / ("DOC", n)   | ("L", sha256((from, to, kind))) |
 * | document header   | ("DOC", n)                 | "#"                             |
 * | body chunk        | ("DOC", n)                 | ("C", rev, index6)              |
 * | document listing  | ("DLS", n mod shards)      | id16                            |
 * | statistics shard  | ("DST", shard)             | "#"                             |
 * | id lease counter  | "DOCIDS"                   | "#"                             |
 * | posting           | ("TK", indexToken, id mod 12) | id16 (LSI byImpact: im = dl/tf) |
 * | frequency counter | ("TF", indexToken, shard)  | "#"                             |
 * | term list         | ("DOC", n)                 | "#ix"                           |
 * | link by source    | ("LF", from)               | bounded((kind, to))             |
 * | link by target    | ("LT", to)                 | bounded((kind, from))           |
 * | link listing      | ("LS", shard)              | bounded((from, to, kind))       |
 * | generic item      | ("G", schema, sha256(pk))  | the raw sk                      |
 * | layout version    | "#meta"                    | "layout"                        |
 *
 * GSI keys of a visible dialogue header (shard: the writer's ShardRotation, see ./shards.ts):
 * byStatus (g1pk = ("DS", status, shard), g1sk = listing key), byUpdated (g2pk =
 * ("DLGS", shard), g2sk = listing key).
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

export const dialoguePk = (id: string) => encodeKey(["DLG", id]);
export const dialogueHeaderKey = (id: string): Key => ({ pk: dialoguePk(id), sk: HEADER_SK });
export const perspectiveKey = (dialogueId: string, id: string): Key => ({ pk: dialoguePk(dialogueId), sk: encodeKey(["P", id]) });
export const tensionKey = (dialogueId: string, id: string): Key => ({ pk: dialoguePk(dialogueId), sk: encodeKey(["T", id]) });
export const eventKey = (dialogueId: string, tensionId: string, seq: number): Key => ({
  pk: dialoguePk(dialogueId),
  sk: encodeKey(["E", tensionId, pad(seq)]),
});

/** Documents: a partition per document (header, chunks, link copies); no key every write shares. */
export const documentPk = (id: number) => encodeKey(["DOC", String(id)]);
export const documentHeaderKey = (id: number): Key => ({ pk: documentPk(id), sk: HEADER_SK });
export const chunkKey = (id: number, rev: string, index: number): Key => ({ pk: documentPk(id), sk: encodeKey(["C", rev, pad(index, 6)]) });
/** The id listing: document n is listed in shard n mod shards, so consecutive ids spread evenly. */
export const listingShardPk = (shard: number) => encodeKey(["DLS", String(shard)]);
export const documentListingKey = (id: number, shards: number): Key => ({ pk: listingShardPk(id % shards), sk: pad(id) });
/** Corpus statistics, split over `shards` items in as many partitions (document n counts in shard n mod shards). */
export const statsShardKey = (shard: number): Key => ({ pk: encodeKey(["DST", String(shard)]), sk: HEADER_SK });
/** The id block allocator: one conditional write per block of ids a handle leases. */
export const idLeaseKey: Key = { pk: "DOCIDS", sk: HEADER_SK };
/** The shard count the table was first opened with (listings and statistics depend on it). */

/**
 * The search index (src/search): a token's postings are split over POSTING_SHARDS partitions
 * by document id, ("TK", indexToken, id mod POSTING_SHARDS), so documents that share a common
 * word spread its writes; each shard's document frequency counter has a partition of its own,
 * ("TF", indexToken, shard), so no partition key takes more than one write per document of
 * its shard. A token of more than TOKEN_INLINE_MAX_BYTES bytes is addressed by "#" + its
 * SHA-256 ("#" is never part of a token), so a document's whole term list fits in one item.
 */
export const POSTING_SHARDS = 12;
export const TOKEN_INLINE_MAX_BYTES = 32;
export function indexToken(token: string): string {
  return utf8ByteLength(token) <= TOKEN_INLINE_MAX_BYTES ? token : `#${sha(token)}`;
}
export const postingPk = (indexed: string, shard: number) => encodeKey(["TK", indexed, String(shard)]);
/** Where document `docId`'s posting of an index token lives. */
export const postingKey = (indexed: string, docId: number): Key => ({ pk: postingPk(indexed, docId % POSTING_SHARDS), sk: pad(docId) });
/** The document frequency counter of one posting shard. */
export const frequencyKey = (indexed: string, shard: number): Key => ({ pk: encodeKey(["TF", indexed, String(shard)]), sk: HEADER_SK });
/** A document's term list: the index tokens its last fully indexed version holds (src/search/term-list.ts). */
export const termListKey = (docId: number): Key => ({ pk: documentPk(docId), sk: "#ix" });

/**
 * Sort keys are at most 1024 bytes, but a link's (from, to, kind) may take 2 178. A key over
 * BOUND bytes keeps its first BOUND bytes and gets a hash suffix: order is exact except among
 * keys sharing those first BOUND bytes, which stay contiguous and are ordered by the reader.
 */
export const BOUND = 960;

/** The longest prefix of `s` of at most `max` UTF-8 bytes, cut at a code point boundary. */
export function cutUtf8(s: string, max: number): string {
  let bytes = 0;
  let i = 0;
  for (const ch of s) {
    const n = utf8ByteLength(ch);
    if (bytes + n > max) break;
    bytes += n;
    i += ch.length;
  }
  return s.slice(0, i);
}

export function boundedKey(s: string): string {
  return utf8ByteLength(s) <= BOUND ? s : `${cutUtf8(s, BOUND)}\u0003${sha(s)}`;
}

export const isBounded = (s: string) => utf8ByteLength(s) > BOUND;

export const linkSortKey = (from: string, to: string, kind: string) => encodeKey([from, to, kind]);
export const linkSourceKey = (from: string, to: string, kind: string): Key => ({
  pk: linkSourcePk(from),
  sk: boundedKey(encodeKey([kind, to])),
});
export const linkSourcePk = (from: string) => encodeKey(["LF", from]);
export const linkTargetPk = (to: string) => encodeKey(["LT", to]);
export const linkListingPk = (shard: number) => encodeKey(["LS", String(shard)]);
export const linkListingKey = (from: string, to: string, kind: string, shards: number): Key => {
  const sk = linkSortKey(from, to, kind);
  return { pk: linkListingPk(shardOf(sk, shards)), sk: boundedKey(sk) };
};
export const linkTargetKey = (from: string, to: string, kind: string): Key => ({
  pk: linkTargetPk(to),
  sk: boundedKey(encodeKey([kind, from])),
});
export const linkCopySk = (from: string, to: string, kind: string) => encodeKey(["L", sha(linkSortKey(from, to, kind))]);

/** The generic store's partition: the raw pk (up to 2048 bytes) is hashed and kept as attribute `rpk`. */
export const genericPk = (schema: string, pk: string) => encodeKey(["G", schema, sha(pk)]);

/** GSI partitions of dialogue headers: the listing shard of a position, by status and for all. */
export const statusPartition = (status: string, shard: number) => encodeKey(["DS", status, String(shard)]);
export const allDialoguesPartition = (shard: number) => encodeKey(["DLGS", String(shard)]);

/** The layout version item. */
export const layoutKey: Key = { pk: "#meta", sk: "layout" };

/**
 * The listing sort key: (updatedAt descending, id ascending) as an ascending string. The
 * timestamp form is fixed, so replacing every digit d by 9 − d reverses its order.
 */
export function listingSortKey(updatedAt: string, id: string): string {
  const inverted = updatedAt.replace(/[0-9]/g, (d) => String(9 - Number(d)));
  return encodeKey([inverted, id]);
}
