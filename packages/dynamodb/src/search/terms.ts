import { documentTerms } from "@blue/store-core/engine";
import type { Item } from "../client/executor";
import { indexToken, postingKey } from "../table/keys";

/**
 * What the index holds for one document: its token length (dl) and the term frequency of each
 * index token (a token, or "#" + the SHA-256 of a long one: ../table/keys.ts, indexToken).
 */
export interface IndexTerms {
  dl: number;
  tf: Map<string, number>;
}

export const NO_TERMS: IndexTerms = { dl: 0, tf: new Map() };

/** The index terms of a document (none for an absent one). */
export function indexTermsOf(doc: { title: string; body: string } | undefined): IndexTerms {
  if (!doc) return NO_TERMS;
  const { length, frequencies } = documentTerms(doc);
  const tf = new Map<string, number>();
  for (const [token, n] of frequencies) tf.set(indexToken(token), n);
  return { dl: length, tf };
}

/**
 * A posting's impact key: im = dl / tf. BM25's term weight is (k1 + 1) / (1 + k1(1 − b)/tf +
 * k1·b·im/avgdl), so for any corpus a posting of smaller im can weigh more, and every posting
 * after one of impact im weighs at most (k1 + 1) / (1 + k1·b·im/avgdl) (./bounds.ts).
 */
export const impactOf = (dl: number, tf: number): number => dl / tf;

/**
 * The tf class a posting records in its shard's frequency counter (the number set `tc`): tf
 * itself up to 16, else the next power of two. The largest class of a shard bounds the tf of
 * every posting it ever held, which tightens ./bounds.ts's weight bound for unread postings.
 */
export const tfClassOf = (tf: number): number => (tf <= 16 ? tf : 2 ** Math.ceil(Math.log2(tf)));

/** The posting item of one document for one index token. */
export function postingItem(indexed: string, id: number, tf: number, dl: number): Item {
  return { ...postingKey(indexed, id), tf, dl, im: impactOf(dl, tf) };
}

/** What the postings of one document are, by index token: [tf, dl]. */
export type PostingState = Map<string, { tf: number; dl: number }>;

/** The posting state that `terms` stands for (every posting written). */
export function stateOf(terms: IndexTerms): PostingState {
  const state: PostingState = new Map();
  for (const [t, tf] of terms.tf) state.set(t, { tf, dl: terms.dl });
  return state;
}
