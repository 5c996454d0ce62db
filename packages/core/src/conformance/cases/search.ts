import type { NewDocument } from "../../types/entities";
import { bm25Score, compareScored, type ScoredId } from "../../search/bm25";
import { documentTerms, queryTokens } from "../../search/tokenizer";
import { check, checkEqual, expectOk, expectStoreError } from "../assert";
import type { CaseContext, ConformanceCase } from "../types";
import { kase } from "./helpers";

async function addAll(ctx: CaseContext, docs: Array<Pick<NewDocument, "title" | "body">>): Promise<number[]> {
  const ids: number[] = [];
  for (const d of docs) ids.push(await ctx.backend.documents.addDocument(d));
  return ids;
}

/** The contract's ranking computed here, from the texts, with the core scorer. */
function expectedRanking(docs: Array<{ id: number; title: string; body: string }>, query: string, limit: number): number[] {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  const terms = docs.map((d) => ({ id: d.id, t: documentTerms(d) }));
  const corpus = { documentCount: docs.length, totalLength: terms.reduce((s, x) => s + x.t.length, 0) };
  const dfs = tokens.map((tok) => terms.filter((x) => x.t.frequencies.has(tok)).length);
  const hits: ScoredId[] = [];
  for (const x of terms) {
    const tfs = tokens.map((tok) => x.t.frequencies.get(tok) ?? 0);
    if (tfs.every((tf) => tf > 0)) hits.push({ id: x.id, score: bm25Score(tfs, dfs, x.t.length, corpus) });
  }
  return hits
    .sort(compareScored)
    .slice(0, limit)
    .map((h) => h.id);
}

const syntaxQueries: Array<[string, string, string]> = [
  ["or", "cats OR dogs", "a doc with cats, or and dogs"],
  ["and", "cats AND dogs", "and so cats and dogs"],
  ["not", "NOT cats", "not a cats story"],
  ["near", "NEAR(cats dogs)", "near cats dogs"],
  ["quote", '"cats', "cats"],
  ["quotes", '"cats dogs"', "dogs and cats"],
  ["star", "cat*", "cat"],
  ["minus", "-cats", "cats"],
  ["column", "title:cats", "title cats"],
  ["caret", "^cats", "cats"],
  ["parens", "(cats)", "cats"],
  ["plus", "+cats +dogs", "cats dogs"],
  ["braces", "{title body}: cats", "title body cats"],
  ["sqlQuote", "cats' OR '1'='1", "cats or 1"],
];

/** search(): tokens, matching, query syntax as text, BM25 ranking, ties, limits. */
export function searchCases(): ConformanceCase[] {
  return [
    kase("search.matching.everyToken", "a document matches only when it holds every distinct query token", async (ctx) => {
      const [a, b, c] = await addAll(ctx, [
        { title: "red apple", body: "sweet" },
        { title: "green apple", body: "sour" },
        { title: "red", body: "wine" },
      ]);
      checkEqual(
        (await ctx.backend.documents.search("red apple")).map((d) => d.id),
        [a],
        "hits for 'red apple'",
      );
      checkEqual(
        (await ctx.backend.documents.search("apple apple red red")).map((d) => d.id),
        [a],
        "hits for repeated tokens",
      );
      checkEqual((await ctx.backend.documents.search("apple")).map((d) => d.id).sort(), [a, b].sort(), "hits for 'apple'");
      checkEqual(await ctx.backend.documents.search("red pear"), [], "hits for 'red pear'");
      check(c !== undefined, "fixture");
    }),
    kase("search.matching.wholeTokens", "a token matches whole tokens only, not prefixes or substrings", async (ctx) => {
      await addAll(ctx, [{ title: "catalog", body: "concatenate" }]);
      checkEqual(await ctx.backend.documents.search("cat"), [], "hits for 'cat'");
    }),
    kase("search.matching.noTokens", "a query without tokens matches nothing", async (ctx) => {
      await addAll(ctx, [{ title: "anything", body: "- * ' \" ()" }]);
      for (const q of ["", "   ", "-*-", '""', "()", "!!!"])
        checkEqual(await ctx.backend.documents.search(q), [], `hits for ${JSON.stringify(q)}`);
    }),
    kase("search.matching.titleAndBody", "title and body are indexed as one text, separated by a space", async (ctx) => {
      const [a] = await addAll(ctx, [{ title: "alpha", body: "omega" }]);
      checkEqual(
        (await ctx.backend.documents.search("alpha omega")).map((d) => d.id),
        [a],
        "hits across title and body",
      );
      checkEqual(await ctx.backend.documents.search("alphaomega"), [], "hits for the joined word");
    }),
    kase("search.tokens.caseInsensitive", "matching ignores case", async (ctx) => {
      const [a] = await addAll(ctx, [{ title: "HeLLo World", body: "ÉCOLE" }]);
      for (const q of ["hello", "HELLO", "wOrLd", "école", "ecole"])
        checkEqual(
          (await ctx.backend.documents.search(q)).map((d) => d.id),
          [a],
          `hits for ${q}`,
        );
    }),
    kase("search.tokens.diacritics", "diacritics are removed (NFKD, combining marks dropped)", async (ctx) => {
      const [a, b] = await addAll(ctx, [
        { title: "Café-Olé's", body: "" },
        { title: "cafe\u0301 naïve", body: "" },
      ]);
      checkEqual(
        (await ctx.backend.documents.search("cafe ole s")).map((d) => d.id),
        [a],
        "hits for 'cafe ole s'",
      );
      checkEqual(
        (await ctx.backend.documents.search("NAIVE")).map((d) => d.id),
        [b],
        "hits for 'NAIVE'",
      );
      checkEqual((await ctx.backend.documents.search("café")).map((d) => d.id).sort(), [a, b].sort(), "hits for 'café'");
    }),
    kase("search.tokens.compatibility", "NFKD compatibility forms fold: ligatures, full-width, superscripts", async (ctx) => {
      const [a, b, c] = await addAll(ctx, [
        { title: "ﬁnance", body: "" },
        { title: "ＡＢＣ", body: "" },
        { title: "x²", body: "" },
      ]);
      checkEqual(
        (await ctx.backend.documents.search("finance")).map((d) => d.id),
        [a],
        "'ﬁnance' found by 'finance'",
      );
      checkEqual(
        (await ctx.backend.documents.search("abc")).map((d) => d.id),
        [b],
        "'ＡＢＣ' found by 'abc'",
      );
      checkEqual(
        (await ctx.backend.documents.search("x2")).map((d) => d.id),
        [c],
        "'x²' found by 'x2'",
      );
    }),
    kase("search.tokens.unicodeLetters", "tokens are runs of Unicode letters and digits of any script", async (ctx) => {
      const [a, b] = await addAll(ctx, [
        { title: "Москва 東京 2024", body: "" },
        { title: "emoji😀split", body: "" },
      ]);
      checkEqual(
        (await ctx.backend.documents.search("москва")).map((d) => d.id),
        [a],
        "hits for 'москва'",
      );
      checkEqual(
        (await ctx.backend.documents.search("東京 2024")).map((d) => d.id),
        [a],
        "hits for '東京 2024'",
      );
      checkEqual(
        (await ctx.backend.documents.search("emoji split")).map((d) => d.id),
        [b],
        "hits for 'emoji split'",
      );
    }),
    ...syntaxQueries.map(([name, query, text]) =>
      kase(
        `search.syntax.${name}`,
        `the query ${JSON.stringify(query)} is plain text`,
        async (ctx) => {
          const docs = [
            { title: "match", body: text },
            { title: "cats", body: "only cats here" },
            { title: "dogs", body: "only dogs here" },
          ];
          const ids = await addAll(ctx, docs);
          const expected = expectedRanking(
            docs.map((d, i) => ({ id: ids[i]!, ...d })),
            query,
            10,
          );
          const got = await expectOk(ctx.backend.documents.search(query), `search(${JSON.stringify(query)})`);
          checkEqual(
            got.map((d) => d.id),
            expected,
            `hits for ${JSON.stringify(query)} (tokens ${JSON.stringify(queryTokens(query))})`,
          );
        },
        { tags: ["syntax"] },
      ),
    ),
    kase("search.ranking.bm25", "results are ordered by the contract's BM25 (k1 1.2, b 0.75)", async (ctx) => {
      const words = ["storage", "backend", "dialogue", "tension", "search", "index", "token", "limit"];
      const docs = Array.from({ length: 14 }, (_, i) => ({
        title: `doc ${i}`,
        body: Array.from({ length: ctx.rng.int(1, 25) }, () => ctx.rng.pick(words)).join(" "),
      }));
      const ids = await addAll(ctx, docs);
      const corpus = docs.map((d, i) => ({ id: ids[i]!, ...d }));
      for (const q of ["storage", "backend token", "search index limit", "doc", "doc storage"]) {
        checkEqual(
          (await ctx.backend.documents.search(q, 20)).map((d) => d.id),
          expectedRanking(corpus, q, 20),
          `ranking for ${JSON.stringify(q)}`,
        );
      }
    }),
    kase("search.ranking.lengthNormalization", "a shorter document with the same term frequency ranks higher", async (ctx) => {
      const [long, short] = await addAll(ctx, [
        { title: "x", body: "term filler filler filler filler filler filler" },
        { title: "x", body: "term" },
      ]);
      await addAll(ctx, [
        { title: "y", body: "other" },
        { title: "z", body: "other words" },
      ]);
      checkEqual(
        (await ctx.backend.documents.search("term")).map((d) => d.id),
        [short, long],
        "ranking for 'term'",
      );
    }),
    kase("search.ranking.ties", "equal scores go to the lower id", async (ctx) => {
      const ids = await addAll(
        ctx,
        Array.from({ length: 5 }, () => ({ title: "same", body: "same text" })),
      );
      checkEqual(
        (await ctx.backend.documents.search("same")).map((d) => d.id),
        ids,
        "ranking of identical documents",
      );
    }),
    kase("search.ranking.updates", "updates and deletes change the index and the statistics", async (ctx) => {
      const docs = [
        { title: "a", body: "apple apple" },
        { title: "b", body: "apple pie" },
        { title: "c", body: "banana" },
      ];
      const ids = await addAll(ctx, docs);
      await ctx.backend.documents.updateDocument(ids[2]!, { body: "apple banana apple apple" });
      await ctx.backend.documents.deleteDocument(ids[1]!);
      checkEqual(await ctx.backend.documents.search("pie"), [], "hits for a deleted document's word");
      checkEqual(
        await ctx.backend.documents.search("banana apple").then((r) => r.map((d) => d.id)),
        [ids[2]!],
        "hits for the updated text",
      );
      const corpus = [
        { id: ids[0]!, ...docs[0]! },
        { id: ids[2]!, title: "c", body: "apple banana apple apple" },
      ];
      checkEqual(
        (await ctx.backend.documents.search("apple")).map((d) => d.id),
        expectedRanking(corpus, "apple", 10),
        "ranking after update and delete",
      );
      await ctx.backend.documents.updateDocument(ids[0]!, { title: "zebra" });
      checkEqual(
        (await ctx.backend.documents.search("zebra")).map((d) => d.id),
        [ids[0]!],
        "hits for a new title",
      );
      checkEqual(
        (await ctx.backend.documents.search("a apple")).map((d) => d.id),
        [],
        "hits for the old title",
      );
    }),
    kase("search.results.fullDocuments", "search returns whole documents with every field", async (ctx) => {
      const id = await ctx.backend.documents.addDocument({ title: "needle", body: "hay", kind: "k", path: "p", metadata: { m: [1] } });
      checkEqual(await ctx.backend.documents.search("needle"), [await ctx.backend.documents.getDocument(id)], "search result");
    }),
    kase("search.limit.semantics", "limit defaults to 10; 1..1000 are accepted; others are VALIDATION", async (ctx) => {
      const ids = await addAll(
        ctx,
        Array.from({ length: 12 }, (_, i) => ({ title: "common", body: "x ".repeat(i + 1) })),
      );
      const all = expectedRanking(
        ids.map((id, i) => ({ id, title: "common", body: "x ".repeat(i + 1) })),
        "common",
        1000,
      );
      checkEqual(
        (await ctx.backend.documents.search("common")).map((d) => d.id),
        all.slice(0, 10),
        "default limit",
      );
      checkEqual(
        (await ctx.backend.documents.search("common", 3)).map((d) => d.id),
        all.slice(0, 3),
        "limit 3",
      );
      checkEqual((await ctx.backend.documents.search("common", 1000)).length, 12, "limit 1000");
      for (const limit of [0, -1, 1001, 2.5])
        await expectStoreError(() => ctx.backend.documents.search("common", limit), "VALIDATION", `limit ${limit}`);
    }),
    kase("search.query.validation", "a query over 4096 bytes or not a string is VALIDATION; 4096 bytes work", async (ctx) => {
      await addAll(ctx, [{ title: "a", body: "b" }]);
      await expectOk(ctx.backend.documents.search("é".repeat(2048)), "a 4096-byte query");
      await expectStoreError(() => ctx.backend.documents.search("é".repeat(2048) + "a"), "VALIDATION", "a 4097-byte query");
      await expectStoreError(() => ctx.backend.documents.search(42 as never), "VALIDATION", "a numeric query");
      await expectStoreError(() => ctx.backend.documents.search("\udc00x"), "VALIDATION", "a query with a lone surrogate");
    }),
  ];
}
