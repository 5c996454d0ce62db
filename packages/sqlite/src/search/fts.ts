import { SCORE_TIE_EPSILON, documentText, tokenize, type ScoredId } from "@blue/store-core/engine";

/**
 * The text stored in the FTS5 table for a document: the core tokenizer's tokens joined by
 * spaces. The table uses FTS5's `ascii` tokenizer, which splits only at ASCII characters that
 * are not letters or digits and keeps every non-ASCII character inside a token. Core tokens
 * hold only letters and digits, so FTS5 sees exactly the core tokens (no Unicode 6.1 case
 * folding or diacritic rules of its own), and its bm25() ranks over exactly those tokens.
 */
export function indexText(doc: { title: string; body: string }): string {
  return tokenize(documentText(doc)).join(" ");
}

/**
 * The MATCH expression for distinct query tokens: each token a double-quoted FTS5 string
 * (quotes doubled), joined by AND. No user text reaches MATCH any other way, so `OR`, `NEAR(`,
 * `*`, `"` and `title:` are plain words.
 */
export function matchExpression(tokens: readonly string[]): string {
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(" AND ");
}

/** True when two scores tie under the contract (within a relative 1e-9). */
export function scoresTie(a: number, b: number): boolean {
  return Math.abs(a - b) <= SCORE_TIE_EPSILON * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * True when the first `limit` hits of a list sorted by (score desc, id asc) are final: the
 * hit after them scores clearly lower, so no later hit can tie into the first `limit`.
 */
export function topIsSettled(sorted: readonly ScoredId[], limit: number): boolean {
  return sorted.length <= limit || !scoresTie(sorted[limit - 1]!.score, sorted[limit]!.score);
}
