import { BM25_B, BM25_K1, compareScored, type ScoredId } from "@blue/store-core/engine";

/** BM25's weight of one term (idf left out) for term frequency tf in a document of length dl. */
export function weightAt(tf: number, dl: number, avgLength: number): number {
  return (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * (dl / avgLength)));
}

/**
 * The largest weight (idf left out) of any posting of impact ≥ im (im = dl/tf): the weight is
 * (k1 + 1) / (1 + k1(1 − b)/tf + k1·b·im/avgdl), and the middle term is positive.
 */
export function weightBound(im: number, avgLength: number): number {
  return (BM25_K1 + 1) / (1 + (BM25_K1 * BM25_B * im) / avgLength);
}

/**
 * The `k`-th best score so far, to stop reading: a document whose score is at most `bound`
 * cannot enter the top k when bound is below the k-th score by more than the tie distance
 * (scores within a relative 1e-9 tie and go to the lower id) and a margin for rounding.
 */
export class Threshold {
  private readonly best: ScoredId[] = [];

  constructor(private readonly k: number) {}

  add(hit: ScoredId): void {
    const at = this.best.findIndex((h) => compareScored(hit, h) < 0);
    if (at < 0) {
      if (this.best.length < this.k) this.best.push(hit);
      return;
    }
    this.best.splice(at, 0, hit);
    if (this.best.length > this.k) this.best.pop();
  }

  /** True when nothing scoring at most `bound` can be among the top k. */
  excludes(bound: number): boolean {
    if (this.best.length < this.k) return false;
    return bound * (1 + 1e-7) < this.best[this.k - 1]!.score * (1 - 1e-9);
  }
}
