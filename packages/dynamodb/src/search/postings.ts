import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { keyId, marshallItem, type Executor } from "../client/executor";
import { IMPACT_INDEX } from "../table/schema";
import { postingKey, postingPk, POSTING_SHARDS } from "../table/keys";

/** One posting as search reads it. */
export interface Posting {
  id: number;
  tf: number;
  dl: number;
}

/** A shard's largest page: 1,000 postings of ~60 bytes stay well below one Query's 1 MB. */
const MAX_PAGE = 1000;

/**
 * Every posting of one index token: one strongly consistent Query per shard that holds any
 * (`counts`: the shards' frequency counters), in parallel. For lists search reads whole.
 */
export async function readWholeList(exec: Executor, indexed: string, counts: number[]): Promise<Posting[]> {
  const out: Posting[] = [];
  await Promise.all(
    counts.map(async (n, shard) => {
      if (n <= 0) return;
      const { items } = await exec.query(
        {
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: marshallItem({ ":pk": postingPk(indexed, shard) }),
          ProjectionExpression: "sk, tf, dl",
          ConsistentRead: true,
        },
        "search",
      );
      for (const p of items) out.push({ id: Number(p.sk), tf: p.tf as number, dl: p.dl as number });
    }),
  );
  return out;
}

interface ShardCursor {
  pk: string;
  limit: number;
  started: boolean;
  done: boolean;
  /** The impact of the last posting read: every unread one of this shard has at least this impact. */
  last: number;
  start?: Record<string, AttributeValue>;
}

/** A shard's first page: 64 postings of ~60 bytes fill one 4 KB read unit. */
const FIRST_PAGE = 64;
/** A posting's bytes as a Query through byImpact bills them (keys, im, tf, dl), for page costs. */
const POSTING_ENTRY_BYTES = 60;

/**
 * One token's postings in impact order (best first), per posting shard, each read page by page
 * through the byImpact LSI (strongly consistent), pages doubling from FIRST_PAGE.
 */
export class ImpactStream {
  /** By shard number; undefined for a shard without postings. */
  private readonly shards: (ShardCursor | undefined)[];

  constructor(
    private readonly exec: Executor,
    indexed: string,
    counts: number[],
  ) {
    this.shards = Array.from({ length: POSTING_SHARDS }, (_, s) =>
      (counts[s] ?? 0) > 0 ? { pk: postingPk(indexed, s), limit: FIRST_PAGE, started: false, done: false, last: 0 } : undefined,
    );
  }

  /** The smallest impact an unread posting of `shard` can have: Infinity when none is left. */
  floorIn(shard: number): number {
    const s = this.shards[shard];
    if (!s || s.done) return Number.POSITIVE_INFINITY;
    return s.started ? s.last : 0;
  }

  /** The read units the next page of `shard` costs. */
  pageCost(shard: number): number {
    const s = this.shards[shard];
    return s ? Math.max(1, Math.ceil((s.limit * POSTING_ENTRY_BYTES) / 4096)) : 0;
  }

  /** The first page of every shard. */
  async begin(): Promise<Posting[]> {
    const pages = await Promise.all(this.shards.map((s) => (s ? this.read(s) : [])));
    return pages.flat();
  }

  /** The next page of `shard` (nothing when it is read to its end). */
  async advance(shard: number): Promise<Posting[]> {
    const s = this.shards[shard];
    return s && !s.done ? this.read(s) : [];
  }

  private async read(s: ShardCursor): Promise<Posting[]> {
    const page = await this.exec.queryPage(
      {
        IndexName: IMPACT_INDEX,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: marshallItem({ ":pk": s.pk }),
        ProjectionExpression: "sk, tf, dl, im",
        ConsistentRead: true,
        Limit: s.limit,
        ...(s.start ? { ExclusiveStartKey: s.start } : {}),
      },
      "search",
    );
    s.started = true;
    s.limit = Math.min(s.limit * 2, MAX_PAGE);
    if (page.next) s.start = page.next;
    else s.done = true;
    const last = page.items[page.items.length - 1];
    if (last) s.last = last.im as number;
    return page.items.map((p) => ({ id: Number(p.sk), tf: p.tf as number, dl: p.dl as number }));
  }
}

/** Term frequencies of `ids` for `tokens` (index tokens), by token then id: one BatchGetItem per 100 keys. */
export async function pointCheck(exec: Executor, ids: number[], tokens: string[]): Promise<Map<string, Map<number, number>>> {
  const keys = tokens.flatMap((t) => ids.map((id) => postingKey(t, id)));
  const items = keys.length > 0 ? await exec.batchGet(keys, "search", ["pk", "sk", "tf"]) : new Map();
  const out = new Map<string, Map<number, number>>();
  for (const t of tokens) {
    const byId = new Map<number, number>();
    for (const id of ids) {
      const p = items.get(keyId(postingKey(t, id)));
      if (p) byId.set(id, p.tf as number);
    }
    out.set(t, byId);
  }
  return out;
}
