import { bm25Idf, bm25Score, rankHits, type CorpusStats, type ScoredId } from "@blue/store-core";
import type { Executor } from "../client/executor";
import { indexToken, POSTING_SHARDS } from "../table/keys";
import { Threshold, weightAt, weightBound } from "./bounds";
import { ImpactStream, pointCheck, readWholeList, type Posting } from "./postings";

/** A token list of at most this many postings is read whole (one page per shard). */
export const WHOLE_LIST_MAX = 256;

interface Query {
  exec: Executor;
  /** Index tokens, in query order. */
  tokens: string[];
  dfs: number[];
  idf: number[];
  corpus: CorpusStats;
  avg: number;
  hits: ScoredId[];
  top: Threshold;
}

/**
 * The best `limit` documents holding every token, exactly as core's BM25 ranks the whole
 * corpus (docs/access-patterns.md, "Search"). `counts`: each token's frequency counter per
 * shard. Any token without documents ends the search before a posting is read; with a token
 * of at most WHOLE_LIST_MAX documents, its list is read whole and the others are point
 * checks in the order of a score bound; otherwise the lists are read best impact first and
 * reading stops when no unseen document can reach the top `limit` (the threshold algorithm).
 */
export async function rankTop(exec: Executor, queryTokens: string[], counts: number[][], corpus: CorpusStats, limit: number): Promise<ScoredId[]> {
  const dfs = counts.map((c) => c.reduce((a, b) => a + b, 0));
  if (dfs.some((df) => df <= 0) || corpus.documentCount <= 0 || corpus.totalLength <= 0) return [];
  const q: Query = {
    exec,
    tokens: queryTokens.map(indexToken),
    dfs,
    idf: dfs.map((df) => bm25Idf(corpus.documentCount, df)),
    corpus,
    avg: corpus.totalLength / corpus.documentCount,
    hits: [],
    top: new Threshold(limit),
  };
  const order = dfs.map((_, i) => i).sort((a, b) => dfs[a]! - dfs[b]! || a - b);
  if (dfs[order[0]!]! <= WHOLE_LIST_MAX) await closedSearch(q, order, counts[order[0]!]!);
  else await thresholdSearch(q, order, counts, limit);
  return rankHits(q.hits, limit);
}

/** Scores a document with its term frequencies in query order (undefined: a token it lacks). */
function score(q: Query, id: number, tfs: (number | undefined)[], dl: number): void {
  if (tfs.some((tf) => tf === undefined)) return;
  const hit = { id, score: bm25Score(tfs as number[], q.dfs, dl, q.corpus) };
  q.hits.push(hit);
  q.top.add(hit);
}

/** Point checks `postings` of token `from` against every other token, then scores them. */
async function evaluate(q: Query, from: number, postings: Posting[]): Promise<void> {
  const others = q.tokens.map((_, i) => i).filter((i) => i !== from);
  const found = others.length > 0 ? await pointCheck(q.exec, postings.map((p) => p.id), others.map((i) => q.tokens[i]!)) : new Map();
  for (const p of postings) {
    const tfs = q.tokens.map((t, i) => (i === from ? p.tf : found.get(t)?.get(p.id)));
    score(q, p.id, tfs, p.dl);
  }
}

/** The rarest token's whole list; candidates checked best bound first until none can enter. */
async function closedSearch(q: Query, order: number[], counts: number[]): Promise<void> {
  const rare = order[0]!;
  const others = order.slice(1);
  const postings = await readWholeList(q.exec, q.tokens[rare]!, counts);
  const candidates: (Posting & { bound: number })[] = [];
  for (const p of postings) {
    // The other tokens share the dl − tf positions the rare token leaves.
    const room = p.dl - p.tf;
    if (others.length > 0 && room <= 0) continue;
    let bound = q.idf[rare]! * weightAt(p.tf, p.dl, q.avg);
    for (const j of others) bound += q.idf[j]! * weightAt(room, p.dl, q.avg);
    candidates.push({ ...p, bound });
  }
  candidates.sort((a, b) => b.bound - a.bound || a.id - b.id);
  for (let i = 0; i < candidates.length; ) {
    if (q.top.excludes(candidates[i]!.bound)) break;
    const batch = candidates.slice(i, i + Math.max(16, Math.ceil(100 / Math.max(1, others.length))));
    i += batch.length;
    await evaluate(q, rare, batch);
  }
}

/** Reads every token's list best impact first until no document unseen in all of them can enter the top. */
async function thresholdSearch(q: Query, order: number[], counts: number[][], limit: number): Promise<void> {
  const firstPage = Math.min(1000, Math.max(4, Math.ceil((2 * limit) / POSTING_SHARDS) + 1));
  const streams = order.map((i) => ({ token: i, stream: new ImpactStream(q.exec, q.tokens[i]!, counts[i]!, firstPage) }));
  const seen = new Set<number>();
  const fresh = (postings: Posting[]) => postings.filter((p) => !seen.has(p.id) && seen.add(p.id));
  // The first pages of all lists, then one page at a time of the list whose bound is largest.
  const firsts = await Promise.all(streams.map((s) => s.stream.begin()));
  for (let n = 0; n < streams.length; n++) await evaluate(q, streams[n]!.token, fresh(firsts[n]!));
  for (;;) {
    // A list read to its end has shown every document that holds all the tokens.
    if (streams.some((s) => s.stream.exhausted)) return;
    const bounds = streams.map((s) => q.idf[s.token]! * weightBound(s.stream.frontier(), q.avg));
    if (q.top.excludes(bounds.reduce((a, b) => a + b, 0))) return;
    const next = streams[bounds.indexOf(Math.max(...bounds))]!;
    await evaluate(q, next.token, fresh(await next.stream.advance()));
  }
}
