import { bm25Score, documentTerms, rankHits, type DocumentTerms, type ScoredId } from "@blue/store-core/engine";
import { inParallel, marshallItem, type Executor, type Item } from "../client/executor";
import { pad, postingKey, postingPk, type Key } from "../table/keys";
import { readCorpus } from "./statistics";

/**
 * The search index in the table: one posting item per (token, document) — pk ("TK", token),
 * sk id16, attributes tf (term frequency) and dl (the document's token length) — and the
 * sharded corpus statistics (statistics.ts). A token's document frequency is the number of its
 * postings, so it never drifts from the postings themselves.
 */
export interface IndexChange {
  puts: Item[];
  deletes: Key[];
}

export function termsOf(doc: { title: string; body: string } | undefined): DocumentTerms {
  return doc ? documentTerms(doc) : { length: 0, frequencies: new Map() };
}

function posting(token: string, id: number, tf: number, dl: number): Item {
  // Tokens over 1 KiB are addressed by their SHA-256 (collision-free in practice); the token
  // itself is not stored, since one token may be megabytes long.
  return { ...postingKey(token, id), tf, dl };
}

/** The posting writes that take the index of document `id` from `before` to `after`. */
export function indexChange(id: number, before: DocumentTerms, after: DocumentTerms): IndexChange {
  const puts: Item[] = [];
  const deletes: Key[] = [];
  const sameLength = before.length === after.length;
  for (const [token, tf] of after.frequencies) {
    if (!sameLength || before.frequencies.get(token) !== tf) puts.push(posting(token, id, tf, after.length));
  }
  for (const token of before.frequencies.keys()) if (!after.frequencies.has(token)) deletes.push(postingKey(token, id));
  return { puts, deletes };
}

/** Every posting of `token`: document id -> [tf, dl]. */
async function postingsOf(exec: Executor, token: string): Promise<Map<number, [number, number]>> {
  const { items } = await exec.query(
    {
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: marshallItem({ ":pk": postingPk(token) }),
      ProjectionExpression: "sk, tf, dl",
      ConsistentRead: true,
    },
    "search",
  );
  const out = new Map<number, [number, number]>();
  for (const p of items) out.set(Number(p.sk), [p.tf as number, p.dl as number]);
  return out;
}

/**
 * The ranked ids matching every token: one BatchGetItem (the statistics shards) and one Query
 * per token (more for tokens with over ~1 MB of postings), scored with the core's BM25.
 */
export async function rankedMatches(exec: Executor, shards: number, tokens: string[]): Promise<ScoredId[]> {
  const lists: Map<number, [number, number]>[] = new Array(tokens.length);
  let corpus = { documentCount: 0, totalLength: 0 };
  await inParallel([-1, ...tokens.map((_, i) => i)], 8, async (i) => {
    if (i < 0) corpus = await readCorpus(exec, shards, "search");
    else lists[i] = await postingsOf(exec, tokens[i]!);
  });
  if (lists.some((l) => l.size === 0)) return [];
  const dfs = lists.map((l) => l.size);
  const smallest = lists.reduce((a, b) => (a.size <= b.size ? a : b));
  const hits: ScoredId[] = [];
  for (const [id, [, dl]] of smallest) {
    const tfs = lists.map((l) => l.get(id)?.[0] ?? 0);
    if (tfs.some((tf) => tf === 0)) continue;
    hits.push({ id, score: bm25Score(tfs, dfs, dl, corpus) });
  }
  return rankHits(hits, hits.length);
}

export { pad };
