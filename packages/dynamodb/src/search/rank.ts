import { bm25Idf, bm25Score, rankHits, type CorpusStats, type ScoredId } from "@blue/store-core/engine";
import type { Executor } from "../client/executor";
import { indexToken, POSTING_SHARDS } from "../table/keys";
import { Threshold, unreadWeightBound, unseenBound, weightAt } from "./bounds";
import type { TokenShards } from "./plan";
import { ImpactStream, pointCheck, readWholeList, type Posting } from "./postings";

/** A token list of at most this many postings is read whole (one page per shard). */
export const WHOLE_LIST_MAX = 256;

interface Query {
  exec: Executor;
  /** Index tokens, in query order. */
  tokens: string[];
  lists: TokenShards[];
  dfs: number[];
  idf: number[];
  corpus: CorpusStats;
  avg: number;
  limit: number;
  hits: ScoredId[];
  top: Threshold;
}

/**
 * The best `limit` documents holding every token, exactly as core's BM25 ranks the whole
 * corpus (docs/access-patterns.md, "Search"). `lists`: each token's frequency counters per
 * shard. Any token without documents ends the search before a posting is read; with a token
 * of at most WHOLE_LIST_MAX documents, its list is read whole and the others are point
 * checks in the order of a score bound; otherwise the lists are read best impact first and
 * reading stops when no unseen document can reach the top `limit` (the threshold algorithm).
 */
export async function rankTop(
  exec: Executor,
  queryTokens: string[],
  lists: TokenShards[],
  corpus: CorpusStats,
  limit: number,
): Promise<ScoredId[]> {
  const dfs = lists.map((l) => l.n.reduce((a, b) => a + b, 0));
  if (dfs.some((df) => df <= 0) || corpus.documentCount <= 0 || corpus.totalLength <= 0) return [];
  const q: Query = {
    exec,
    tokens: queryTokens.map(indexToken),
    lists,
    dfs,
    idf: dfs.map((df) => bm25Idf(corpus.documentCount, df)),
    corpus,
    avg: corpus.totalLength / corpus.documentCount,
    limit,
    hits: [],
    top: new Threshold(limit),
  };
  const order = dfs.map((_, i) => i).sort((a, b) => dfs[a]! - dfs[b]! || a - b);
  if (dfs[order[0]!]! <= WHOLE_LIST_MAX) await closedSearch(q, order);
  else await thresholdSearch(q);
  return rankHits(q.hits, limit);
}

/** Scores a document with its term frequencies in query order (undefined: a token it lacks). */
function score(q: Query, id: number, tfs: (number | undefined)[], dl: number): void {
  if (tfs.some((tf) => tf === undefined)) return;
  const hit = { id, score: bm25Score(tfs as number[], q.dfs, dl, q.corpus) };
  q.hits.push(hit);
  q.top.add(hit);
}

/** A document as read from one list: its length and, in query order, the one tf known. */
function seenIn(q: Query, token: number, p: Posting): Partial {
  const tfs = new Array<number | undefined>(q.tokens.length).fill(undefined);
  tfs[token] = p.tf;
  return { id: p.id, dl: p.dl, tfs };
}

/** Point-checks each document for the tokens it lacks (one BatchGetItem per 100 keys), then scores it. */
async function checkAndScore(q: Query, docs: Partial[]): Promise<void> {
  const missing = q.tokens.map((_, i) => i).filter((i) => docs.some((d) => d.tfs[i] === undefined));
  const found = await pointCheck(
    q.exec,
    docs.map((d) => d.id),
    missing.map((i) => q.tokens[i]!),
  );
  for (const d of docs) {
    score(
      q,
      d.id,
      d.tfs.map((tf, i) => tf ?? found.get(q.tokens[i]!)?.get(d.id)),
      d.dl,
    );
  }
}

/**
 * The rarest token's whole list; its documents are point-checked for the other tokens best
 * bound first, `limit` at a time (then doubling), until none left can enter the top.
 */
async function closedSearch(q: Query, order: number[]): Promise<void> {
  const rare = order[0]!;
  const others = order.slice(1);
  const postings = await readWholeList(q.exec, q.tokens[rare]!, q.lists[rare]!.n);
  const candidates: (Posting & { bound: number })[] = [];
  for (const p of postings) {
    const shard = p.id % POSTING_SHARDS;
    // The other tokens share the dl − tf positions the rare token leaves.
    const room = p.dl - p.tf;
    let bound = q.idf[rare]! * weightAt(p.tf, p.dl, q.avg);
    for (const j of others) {
      const w = unreadWeightBound(p.dl, room, q.lists[j]!.n[shard]! > 0 ? q.lists[j]!.maxTf[shard]! : 0, 0, q.avg);
      bound = w > 0 ? bound + q.idf[j]! * w : Number.NaN;
    }
    if (!Number.isNaN(bound)) candidates.push({ ...p, bound });
  }
  candidates.sort((a, b) => b.bound - a.bound || a.id - b.id);
  let size = q.limit;
  for (let i = 0; i < candidates.length; size *= 2) {
    if (q.top.excludes(candidates[i]!.bound)) break;
    const batch = candidates.slice(i, i + size);
    i += batch.length;
    await checkAndScore(
      q,
      batch.map((p) => seenIn(q, rare, p)),
    );
  }
}

/** A document seen in some lists: its length and the term frequencies known so far (query order). */
interface Partial {
  id: number;
  dl: number;
  tfs: (number | undefined)[];
}

/**
 * The threshold algorithm with cheap sequential reads and sparing point checks (Fagin's
 * "combined algorithm"), shard by shard: a document lives in shard id mod POSTING_SHARDS of
 * every list. A document seen in all lists is scored exactly; one seen in some is bounded by
 * its known weights plus, per missing token, the weight the tf its length and that shard's
 * frontier allow (partialBound); documents seen in none are bounded per shard by the shard
 * frontiers and tf bounds. While an unseen document could enter the top `limit`, the next page
 * of the shard and list that bounds it most is read; then the partial documents that could
 * still enter are settled, by reading on where that resolves more of them than a page costs,
 * else by point checks of the `limit` best. Reading stops when the k-th exact score beats
 * every bound.
 */
async function thresholdSearch(q: Query): Promise<void> {
  const n = q.tokens.length;
  const streams = q.tokens.map((t, i) => new ImpactStream(q.exec, t, q.lists[i]!.n));
  const partial = new Map<number, Partial>();
  const settled = new Set<number>();
  const absorb = (token: number, postings: Posting[]) => {
    for (const p of postings) {
      if (settled.has(p.id)) continue;
      const d = partial.get(p.id) ?? seenIn(q, token, p);
      d.tfs[token] = p.tf;
      if (d.tfs.every((tf) => tf !== undefined)) {
        partial.delete(p.id);
        settled.add(p.id);
        score(q, p.id, d.tfs, d.dl);
      } else partial.set(p.id, d);
    }
  };
  const firsts = await Promise.all(streams.map((s) => s.begin()));
  for (const [i, page] of firsts.entries()) absorb(i, page);
  for (;;) {
    // Documents not yet read from any list, per shard: the bound and the list that gives most of it.
    let unseen = 0;
    let unseenAt: { token: number; shard: number } | undefined;
    for (let shard = 0; shard < POSTING_SHARDS; shard++) {
      const floors = streams.map((s) => s.floorIn(shard));
      if (floors.some((f) => f === Number.POSITIVE_INFINITY)) continue;
      const { bound, token } = unseenBound(
        floors,
        q.lists.map((l) => l.maxTf[shard]!),
        q.idf,
        q.avg,
      );
      if (bound > unseen) [unseen, unseenAt] = [bound, { token, shard }];
    }
    if (unseenAt && !q.top.excludes(unseen)) {
      absorb(unseenAt.token, await streams[unseenAt.token]!.advance(unseenAt.shard));
      continue;
    }
    // Only partial documents can still enter: drop those that cannot (for good: bounds only fall).
    const ranked: { d: Partial; bound: number }[] = [];
    for (const d of partial.values()) {
      const bound = partialBound(q, d, streams);
      if (bound <= 0 || q.top.excludes(bound)) {
        partial.delete(d.id);
        settled.add(d.id);
      } else ranked.push({ d, bound });
    }
    if (ranked.length === 0) return;
    // Where most of them wait: the (list, shard) whose next page may resolve the most.
    const waiting = new Map<number, number>();
    for (const { d } of ranked) {
      for (let i = 0; i < n; i++) {
        if (d.tfs[i] !== undefined) continue;
        const key = i * POSTING_SHARDS + (d.id % POSTING_SHARDS);
        waiting.set(key, (waiting.get(key) ?? 0) + 1);
      }
    }
    const [key, count] = [...waiting].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a));
    const [token, shard] = [Math.floor(key / POSTING_SHARDS), key % POSTING_SHARDS];
    if (count > streams[token]!.pageCost(shard)) {
      absorb(token, await streams[token]!.advance(shard));
      continue;
    }
    ranked.sort((a, b) => b.bound - a.bound || a.d.id - b.d.id);
    await settle(
      q,
      partial,
      settled,
      ranked.slice(0, q.limit).map((r) => r.d),
    );
  }
}

/** Point-checks and scores `batch`; its documents are settled. */
async function settle(q: Query, partial: Map<number, Partial>, settled: Set<number>, batch: Partial[]): Promise<void> {
  for (const d of batch) {
    partial.delete(d.id);
    settled.add(d.id);
  }
  await checkAndScore(q, batch);
}

/** An upper bound of a partial document's score (see thresholdSearch); 0 when it cannot hold every token. */
function partialBound(q: Query, d: Partial, streams: ImpactStream[]): number {
  const shard = d.id % POSTING_SHARDS;
  let known = 0;
  let used = 0;
  for (let i = 0; i < d.tfs.length; i++) {
    const tf = d.tfs[i];
    if (tf === undefined) continue;
    known += q.idf[i]! * weightAt(tf, d.dl, q.avg);
    used += tf;
  }
  let bound = known;
  for (let i = 0; i < d.tfs.length; i++) {
    if (d.tfs[i] !== undefined) continue;
    const floor = streams[i]!.floorIn(shard);
    if (floor === Number.POSITIVE_INFINITY) return 0;
    const w = unreadWeightBound(d.dl, d.dl - used, q.lists[i]!.maxTf[shard]!, floor, q.avg);
    if (w <= 0) return 0;
    bound += q.idf[i]! * w;
  }
  return bound;
}
