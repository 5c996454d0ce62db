import { createHash } from "node:crypto";
import { ValidationError } from "@blue/store-core";

/**
 * How many partition keys a sharded listing, index or counter is spread over (option `shards`).
 * 32: the busiest sharded write, a dialogue listing entry whose key moves, is two writes per
 * operation in one shard: 2/32 per operation on average, under the 1/8 goal even when hashing
 * puts 1.5–2× the mean on the busiest shard (docs/decisions.md, D17).
 */
export const DEFAULT_SHARDS = 32;
/** The largest shard count (a listing page reads every shard). */
export const MAX_SHARDS = 256;

/** A stable shard (0 … shards − 1) for a string key: the first 32 bits of its SHA-256, mod shards. */
export function shardOf(key: string, shards: number): number {
  return createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) % shards;
}

/** The `shards` option: undefined, or an integer from 1 to MAX_SHARDS. */
export function assertShards(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_SHARDS) {
    throw new ValidationError(`shards: must be an integer from 1 to ${MAX_SHARDS}`, { details: { field: "shards" } });
  }
  return value;
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
