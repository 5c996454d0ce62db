/** Levenshtein edit distance between two strings (by UTF-16 unit; keys are ASCII). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The candidate closest to `word` (case-insensitive; the first one on a tie). */
export function nearest(word: string, candidates: readonly string[]): { candidate: string; distance: number } | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best;
}

/** True when `word` is close enough to `candidate` to be a likely typo of it. */
export function isLikelyTypo(word: string, match: { candidate: string; distance: number }): boolean {
  return match.distance <= Math.max(2, Math.floor(match.candidate.length / 3)) && match.distance < word.length;
}
