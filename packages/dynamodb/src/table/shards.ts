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

/**
 * Round robin over the shards from a random start: the shards one handle writes to, in turn,
 * so its writes spread exactly evenly (a hash would leave the hottest of 32 shards ~1.6× the
 * mean over a few hundred writes). For entries readers find by merging every shard, where no
 * reader needs to compute the shard (the dialogue listings).
 */
export class ShardRotation {
  private next: number;

  constructor(
    readonly shards: number,
    start = Math.floor(Math.random() * shards),
  ) {
    this.next = start % shards;
  }

  take(): number {
    const shard = this.next;
    this.next = (shard + 1) % this.shards;
    return shard;
  }
}
