import { createHash } from "node:crypto";

/**
 * Write sharding. A key that every write of a kind would touch (a listing partition, a
 * statistics item) is split over `shards` partition keys; readers merge or sum the shards.
 * 32 keeps the hottest dialogue-listing partition at 2/32 = 1/16 write per dialogue write
 * (an index entry that moves is two writes), half the 1/8 goal of docs/access-patterns.md.
 */
export const DEFAULT_SHARDS = 32;

/** The largest shard count accepted (a listing page reads every shard). */
export const MAX_SHARDS = 256;

/** A stable shard in [0, shards) for `key` (the first 32 bits of its SHA-256). */
export function shardOf(key: string, shards: number): number {
  return createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) % shards;
}
