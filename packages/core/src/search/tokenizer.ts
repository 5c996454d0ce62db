const COMBINING_MARKS = /\p{M}+/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * The search tokenizer every backend shares: NFKD-normalise, remove combining marks,
 * lower-case, then take every maximal run of Unicode letters and digits.
 * `tokenize("Café-Olé's")` is `["cafe", "ole", "s"]`.
 */
export function tokenize(text: string): string[] {
  const folded = text.normalize("NFKD").replace(COMBINING_MARKS, "").toLowerCase();
  return folded.match(TOKEN) ?? [];
}

/** The distinct tokens of a query, in first-seen order. A query without tokens matches nothing. */
export function queryTokens(query: string): string[] {
  return [...new Set(tokenize(query))];
}

/** The text a document is indexed by: its title and body. */
export function documentText(doc: { title: string; body: string }): string {
  return `${doc.title} ${doc.body}`;
}

/** Term frequencies and length (token count) of a document, as BM25 needs them. */
export interface DocumentTerms {
  length: number;
  frequencies: Map<string, number>;
}

/** Tokenizes a document and counts each token. */
export function documentTerms(doc: { title: string; body: string }): DocumentTerms {
  const tokens = tokenize(documentText(doc));
  const frequencies = new Map<string, number>();
  for (const t of tokens) frequencies.set(t, (frequencies.get(t) ?? 0) + 1);
  return { length: tokens.length, frequencies };
}
