import type { CorpusStats } from "@blue/store-core/engine";
import { keyId, type Executor } from "../client/executor";
import { statsShardKeys, sumCorpus, type PendingIndex } from "../documents/statistics";
import { frequencyKey, indexToken, POSTING_SHARDS } from "../table/keys";

/** What a search knows before it reads any posting. */
export interface SearchPlan {
  corpus: CorpusStats;
  /** Per query token (in query order), the document frequency counter of each posting shard. */
  counts: number[][];
  /** Index changes committed but not complete. */
  pending: PendingIndex[];
}

/**
 * One BatchGetItem (per 100 keys): the `shards` statistics items and the POSTING_SHARDS
 * frequency counters of every query token, all strongly consistent.
 */
export async function readPlan(exec: Executor, shards: number, tokens: string[]): Promise<SearchPlan> {
  const counterKeys = tokens.map((t) => Array.from({ length: POSTING_SHARDS }, (_, s) => frequencyKey(indexToken(t), s)));
  const items = await exec.batchGet([...statsShardKeys(shards), ...counterKeys.flat()], "search");
  const { documentCount, totalLength, pending } = sumCorpus(items, shards);
  const counts = counterKeys.map((keys) => keys.map((k) => (items.get(keyId(k))?.n as number | undefined) ?? 0));
  return { corpus: { documentCount, totalLength }, counts, pending };
}
