const COMBINING_MARKS = /\p{M}{1,4096}/gu;
/**
 * Runs of at most 4096 letters/digits: an unbounded `+` overflows V8's regexp stack on the
 * multi-megabyte runs a 10 MiB body may hold; adjacent chunks are joined back into one token.
 */
const TOKEN_CHUNK = /[\p{L}\p{N}]{1,4096}/gu;
/** The same for text that is all ASCII: NFKD changes nothing there and no marks exist. */
const ASCII_TOKEN_CHUNK = /[a-z0-9]{1,4096}/g;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The search tokenizer every backend shares: NFKD-normalise, remove combining marks,
 * lower-case, then take every maximal run of Unicode letters and digits.
 * `tokenize("Café-Olé's")` is `["cafe", "ole", "s"]`.
 */
export function tokenize(text: string): string[] {
  const ascii = !NON_ASCII.test(text);
  const folded = ascii ? text.toLowerCase() : text.normalize("NFKD").replace(COMBINING_MARKS, "").toLowerCase();
  const tokens: string[] = [];
  let end = -1;
  for (const m of folded.matchAll(ascii ? ASCII_TOKEN_CHUNK : TOKEN_CHUNK)) {
    if (m.index === end) tokens[tokens.length - 1] += m[0];
    else tokens.push(m[0]);
    end = m.index + m[0].length;
  }
  return tokens;
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
