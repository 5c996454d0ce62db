import type { CorpusStats } from "@blue/store-core/engine";
import { keyId, type Executor } from "../client/executor";
import { statsShardKeys, sumCorpus, type PendingIndex } from "../documents/statistics";
import { frequencyKey, indexToken, POSTING_SHARDS } from "../table/keys";

/** What a search knows before it reads any posting. */
export interface SearchPlan {
  corpus: CorpusStats;
  /** Per query token (in query order), each posting shard's document frequency and tf bound. */
  lists: TokenShards[];
  /** Index changes committed but not complete. */
  pending: PendingIndex[];
}

/** One token's frequency counters, by posting shard. */
export interface TokenShards {
  /** Postings per shard (document frequency: their sum). */
  n: number[];
  /** Per shard, a bound of every tf it holds: its largest tf class (../search/terms.ts, tfClassOf). */
  maxTf: number[];
}

/**
 * One BatchGetItem (per 100 keys): the `shards` statistics items and the POSTING_SHARDS
 * frequency counters of every query token, all strongly consistent.
 */
export async function readPlan(exec: Executor, shards: number, tokens: string[]): Promise<SearchPlan> {
  const counterKeys = tokens.map((t) => Array.from({ length: POSTING_SHARDS }, (_, s) => frequencyKey(indexToken(t), s)));
  const items = await exec.batchGet([...statsShardKeys(shards), ...counterKeys.flat()], "search");
  const { documentCount, totalLength, pending } = sumCorpus(items, shards);
  const lists = counterKeys.map((keys) => {
    const counters = keys.map((k) => items.get(keyId(k)));
    return {
      n: counters.map((c) => (c?.n as number | undefined) ?? 0),
      maxTf: counters.map((c) => {
        const classes = c?.tc as Set<number> | undefined;
        return classes && classes.size > 0 ? Math.max(...classes) : Number.POSITIVE_INFINITY;
      }),
    };
  });
  return { corpus: { documentCount, totalLength }, lists, pending };
}
