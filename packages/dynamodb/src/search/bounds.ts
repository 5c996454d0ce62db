import { BM25_B, BM25_K1, compareScored, type ScoredId } from "@blue/store-core/engine";

/** BM25's weight of one term (idf left out) for term frequency tf in a document of length dl. */
export function weightAt(tf: number, dl: number, avgLength: number): number {
  return (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * (dl / avgLength)));
}

/**
 * The largest weight (idf left out) of any posting of impact ≥ im (im = dl/tf) and tf ≤ maxTf:
 * the weight is (k1 + 1) / (1 + k1(1 − b)/tf + k1·b·im/avgdl), which falls with im and rises
 * with tf. `maxTf` may be Infinity (no bound known).
 */
export function weightBound(im: number, avgLength: number, maxTf: number): number {
  return (BM25_K1 + 1) / (1 + (BM25_K1 * (1 - BM25_B)) / maxTf + (BM25_K1 * BM25_B * im) / avgLength);
}

/**
 * The largest tf an unread posting of a document of length dl can have when every unread
 * posting has impact dl/tf ≥ floor (0: none read yet, no cap), allowing for rounding of the
 * stored impact.
 */
function tfAtImpact(dl: number, floor: number): number {
  return floor > 0 ? Math.floor((dl / floor) * (1 + 1e-9)) : Number.POSITIVE_INFINITY;
}

/**
 * The largest weight (idf left out) a document of length dl can have in a list it was not yet
 * read from: its tf there is at most `room` (the length its known tokens leave), `maxTf` (the
 * shard's tf bound) and dl / floor (every unread posting has impact ≥ floor; 0: none read yet).
 * 0 when no tf ≥ 1 fits: the document is not in that list.
 */
export function unreadWeightBound(dl: number, room: number, maxTf: number, floor: number, avgLength: number): number {
  const tf = Math.min(room, maxTf, tfAtImpact(dl, floor));
  return tf >= 1 ? weightAt(tf, dl, avgLength) : 0;
}

/** Above this many candidate lengths, unseenBound falls back to bounding each list alone. */
const MAX_LENGTHS = 4096;

/**
 * The largest score (Σ idf·weight) of a document not yet read from any list, within one shard,
 * and the list that gives most of it: the document has one length dl and, in list i, a tf of at
 * most maxTfs[i], ⌊dl/floors[i]⌋ (floor 0: no posting read yet) and dl. Between two lengths
 * where one of those caps steps, every tf is fixed and the weights fall with dl, so only those
 * lengths are tried. Infinite tf bounds (or too many lengths) bound each list alone.
 */
export function unseenBound(floors: number[], maxTfs: number[], idf: number[], avg: number): { bound: number; token: number } {
  const steps = maxTfs.reduce((a, b) => a + b, 0);
  if (!Number.isFinite(steps) || steps > MAX_LENGTHS) {
    const terms = floors.map((f, i) => idf[i]! * weightBound(f, avg, maxTfs[i]!));
    return { bound: terms.reduce((a, b) => a + b, 0), token: terms.indexOf(Math.max(...terms)) };
  }
  let best = { bound: 0, token: -1 };
  const terms = new Array<number>(floors.length);
  const tryLength = (dl: number) => {
    let sum = 0;
    for (let i = 0; i < floors.length; i++) {
      const tf = Math.min(maxTfs[i]!, dl, tfAtImpact(dl, floors[i]!));
      if (tf < 1) return;
      terms[i] = idf[i]! * weightAt(tf, dl, avg);
      sum += terms[i]!;
    }
    if (sum > best.bound) best = { bound: sum, token: terms.indexOf(Math.max(...terms)) };
  };
  for (let i = 0; i < floors.length; i++) {
    // The shortest length at which list i's tf can be k.
    for (let k = 1; k <= maxTfs[i]!; k++) tryLength(Math.max(k, Math.ceil(k * floors[i]! * (1 - 1e-12))));
  }
  return best;
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
