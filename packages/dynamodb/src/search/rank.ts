import { bm25Idf, bm25Score, rankHits, type CorpusStats, type ScoredId } from "@blue/store-core/engine";
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
export async function rankTop(
  exec: Executor,
  queryTokens: string[],
  counts: number[][],
  corpus: CorpusStats,
  limit: number,
): Promise<ScoredId[]> {
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
  const found =
    others.length > 0
      ? await pointCheck(
          q.exec,
          postings.map((p) => p.id),
          others.map((i) => q.tokens[i]!),
        )
      : new Map();
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

/** A document seen in some lists: its length and the term frequencies known so far (query order). */
interface Partial {
  id: number;
  dl: number;
  tfs: (number | undefined)[];
}

/**
 * The threshold algorithm with cheap sequential reads and sparing point checks (Fagin's
 * "combined algorithm"): every token's list is read best impact first; a document seen in all
 * lists is scored exactly; one seen in some gets an upper bound (its known weights, plus for
 * each missing token the lesser of that list's frontier bound and the weight its remaining
 * length allows); a document seen in none is bounded by the frontiers. Each step either reads
 * the next page of the list with the largest frontier bound, or point-checks the partial
 * documents whose bounds are highest, whichever bound is larger; reading stops when the k-th
 * exact score beats every bound, or a list ends (its documents are then the only candidates).
 */
async function thresholdSearch(q: Query, order: number[], counts: number[][], limit: number): Promise<void> {
  const firstPage = Math.min(1000, Math.max(4, Math.ceil((2 * limit) / POSTING_SHARDS) + 1));
  const streams = order.map((i) => ({ token: i, stream: new ImpactStream(q.exec, q.tokens[i]!, counts[i]!, firstPage) }));
  const partial = new Map<number, Partial>();
  const done = new Set<number>();
  const absorb = (token: number, postings: Posting[]) => {
    for (const p of postings) {
      if (done.has(p.id)) continue;
      const d = partial.get(p.id) ?? { id: p.id, dl: p.dl, tfs: new Array<number | undefined>(q.tokens.length).fill(undefined) };
      d.tfs[token] = p.tf;
      if (d.tfs.every((tf) => tf !== undefined)) {
        partial.delete(p.id);
        done.add(p.id);
        score(q, p.id, d.tfs, d.dl);
      } else partial.set(p.id, d);
    }
  };
  const firsts = await Promise.all(streams.map((s) => s.stream.begin()));
  for (const [n, s] of streams.entries()) absorb(s.token, firsts[n]!);
  for (;;) {
    const ended = streams.find((s) => s.stream.exhausted);
    const frontier = q.tokens.map(() => 0);
    for (const s of streams) frontier[s.token] = q.idf[s.token]! * weightBound(s.stream.frontier(), q.avg);
    const unseen = ended ? 0 : frontier.reduce((a, b) => a + b, 0);
    // A list read to its end: only documents seen in it can hold every token.
    if (ended) for (const [id, d] of partial) if (d.tfs[ended.token] === undefined) partial.delete(id);
    const ranked = [...partial.values()]
      .map((d) => ({ d, bound: partialBound(q, d, frontier) }))
      .sort((a, b) => b.bound - a.bound || a.d.id - b.d.id);
    const best = ranked[0]?.bound ?? 0;
    if (q.top.excludes(Math.max(unseen, best))) return;
    if (ranked.length === 0 && ended) return;
    if (!ended && unseen >= best) {
      const next = streams.reduce((a, b) => (frontier[b.token]! > frontier[a.token]! ? b : a));
      absorb(next.token, await next.stream.advance());
      continue;
    }
    // Point checks of the partial documents with the highest bounds.
    const batch = ranked.slice(0, Math.max(16, limit)).map((r) => r.d);
    const missing = q.tokens.map((_, i) => i).filter((i) => batch.some((d) => d.tfs[i] === undefined));
    const found = await pointCheck(
      q.exec,
      batch.map((d) => d.id),
      missing.map((i) => q.tokens[i]!),
    );
    for (const d of batch) {
      partial.delete(d.id);
      done.add(d.id);
      const tfs = d.tfs.map((tf, i) => tf ?? found.get(q.tokens[i]!)?.get(d.id));
      score(q, d.id, tfs, d.dl);
    }
  }
}

/** An upper bound of a partial document's score (see thresholdSearch). */
function partialBound(q: Query, d: Partial, frontier: number[]): number {
  let known = 0;
  let used = 0;
  for (let i = 0; i < d.tfs.length; i++) {
    const tf = d.tfs[i];
    if (tf === undefined) continue;
    known += q.idf[i]! * weightAt(tf, d.dl, q.avg);
    used += tf;
  }
  const room = d.dl - used;
  if (room <= 0) return 0;
  let bound = known;
  for (let i = 0; i < d.tfs.length; i++) {
    if (d.tfs[i] !== undefined) continue;
    // Not seen in list i: its impact there is at least the frontier's; its tf at most the room left.
    bound += Math.min(frontier[i]!, q.idf[i]! * weightAt(room, d.dl, q.avg));
  }
  return bound;
}
