/** BM25 parameters of the contract (and of SQLite FTS5's bm25()). */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** Scores within this relative distance tie; ties go to the lower id. */
export const SCORE_TIE_EPSILON = 1e-9;

/** Corpus-wide statistics: N documents with `totalLength` tokens in all. */
export interface CorpusStats {
  documentCount: number;
  totalLength: number;
}

/** idf(t) = ln((N − n + 0.5)/(n + 0.5)), raised to 1e-6 where not positive. */
export function bm25Idf(documentCount: number, documentFrequency: number): number {
  const idf = Math.log((documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
  return idf > 0 ? idf : 1e-6;
}

/**
 * The BM25 score of one document for the distinct query tokens.
 * `termFrequencies[i]` and `documentFrequencies[i]` belong to the i-th query token.
 */
export function bm25Score(
  termFrequencies: readonly number[],
  documentFrequencies: readonly number[],
  documentLength: number,
  corpus: CorpusStats,
): number {
  const avgLength = corpus.documentCount > 0 ? corpus.totalLength / corpus.documentCount : 0;
  const norm = avgLength > 0 ? documentLength / avgLength : 0;
  let score = 0;
  for (let i = 0; i < termFrequencies.length; i++) {
    const tf = termFrequencies[i]!;
    if (tf === 0) continue;
    const idf = bm25Idf(corpus.documentCount, documentFrequencies[i]!);
    score += (idf * (tf * (BM25_K1 + 1))) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * norm));
  }
  return score;
}

/** A search hit before the documents are loaded. */
export interface ScoredId {
  id: number;
  score: number;
}

/** Highest score first; scores within a relative 1e-9 tie, and ties go to the lower id. */
export function compareScored(a: ScoredId, b: ScoredId): number {
  const scale = Math.max(Math.abs(a.score), Math.abs(b.score));
  if (Math.abs(a.score - b.score) > SCORE_TIE_EPSILON * scale) return b.score - a.score;
  return a.id - b.id;
}

/** Sorts hits by the contract's ranking and keeps the first `limit`. */
export function rankHits(hits: ScoredId[], limit: number): ScoredId[] {
  return hits.sort(compareScored).slice(0, limit);
}
