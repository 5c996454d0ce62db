import { join } from "node:path";
import Database from "better-sqlite3";
import { createMemoryStorage } from "@blue/store-core";
import { bm25Score, documentTerms, queryTokens, rankHits, type ScoredId } from "@blue/store-core/engine";
import { openSqliteStorage, type SqliteStorageBackend } from "../src";
import { tempDir } from "./support/files";
import { prng } from "./support/random";

const WORDS = [
  "cat",
  "Cats",
  "dog",
  "Café",
  "cafe",
  "olé",
  "東京",
  "straße",
  "STRASSE",
  "ǅemal",
  "x1",
  "ﬁle",
  "𝐀bc",
  "Ⅻ",
  "ﬀ",
  "naïve",
  "İstanbul",
  "ŉ",
  "Ǆ",
  "ß",
  "Ω",
  "a",
  "the",
];

function corpus(n: number, seed: number) {
  const r = prng(seed);
  const phrase = (k: number) => Array.from({ length: k }, () => r.pick(WORDS)).join(r.pick([" ", "-", "'", "\n", ", "]));
  return Array.from({ length: n }, () => ({ title: phrase(1 + r.int(3)), body: phrase(r.int(30)) }));
}

describe("search on FTS5", () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, "search.db");
  const docs = corpus(400, 42);
  let b: SqliteStorageBackend;

  beforeAll(async () => {
    b = await openSqliteStorage({ path: file, synchronous: "normal" });
    for (const d of docs) await b.documents.addDocument(d);
    // Deletes and updates change the statistics bm25() uses; they must stay exact.
    for (let id = 5; id <= 400; id += 37) await b.documents.deleteDocument(id);
    for (let id = 7; id <= 400; id += 41) await b.documents.updateDocument(id, { body: "cat cat Ω naïve" });
  });
  afterAll(async () => {
    await b.close();
    cleanup();
  });

  /** Every stored document with its current text, as the core scorer sees it. */
  async function stored() {
    const all = [];
    for await (const d of b.documents.iterateDocuments({ pageSize: 1000 })) all.push(d);
    return all;
  }

  test("FTS5 indexes exactly the core tokenizer's tokens (vocabulary and document frequencies)", async () => {
    const expected = new Map<string, number>();
    for (const d of await stored()) for (const t of documentTerms(d).frequencies.keys()) expected.set(t, (expected.get(t) ?? 0) + 1);
    const db = new Database(file, { readonly: true });
    db.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, documents_fts, 'row')");
    const rows = db.prepare("SELECT term, doc FROM temp.vocab").all() as { term: string; doc: number }[];
    db.close();
    expect(new Map(rows.map((r) => [r.term, r.doc]))).toEqual(expected);
    expect(expected.size).toBeGreaterThan(15);
  });

  test("ranks exactly as the core bm25Score, ties to the lower id", async () => {
    const all = await stored();
    const terms = new Map(all.map((d) => [d.id, documentTerms(d)]));
    const corpusStats = { documentCount: all.length, totalLength: [...terms.values()].reduce((s, t) => s + t.length, 0) };
    const queries = ["cat", "cafe Ω", "東京 straße", "the a", "ff file", "naive cat", "𝐀bc x1", "istanbul", "strasse", "Ⅻ ǆemal"];
    let compared = 0;
    for (const q of queries) {
      const tokens = queryTokens(q);
      const dfs = tokens.map((t) => all.filter((d) => terms.get(d.id)!.frequencies.has(t)).length);
      const hits: ScoredId[] = [];
      for (const d of all) {
        const tfs = tokens.map((t) => terms.get(d.id)!.frequencies.get(t) ?? 0);
        if (tfs.every((tf) => tf > 0)) hits.push({ id: d.id, score: bm25Score(tfs, dfs, terms.get(d.id)!.length, corpusStats) });
      }
      const expected = rankHits(hits, 50).map((h) => h.id);
      const actual = (await b.documents.search(q, 50)).map((d) => d.id);
      expect({ q, ids: actual }).toEqual({ q, ids: expected });
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(100);
  });

  test("query syntax is plain text: the same results as the memory backend, never an error", async () => {
    const memory = createMemoryStorage();
    for (const d of await stored()) await memory.documents.importDocument(d);
    const hostile = [
      "cat OR dog",
      "cat AND NOT dog",
      '"',
      '""',
      '"cat',
      "cat*",
      "*",
      "NEAR(cat dog)",
      "NEAR(",
      "title: cat",
      "tokens: cat",
      "-cat",
      "^cat",
      "{tokens}: cat",
      "cat + dog",
      "(cat",
      "'",
      "cat) OR (dog",
      "x1:cat",
      "\u0000cat",
    ];
    for (const q of hostile) {
      const expected = (await memory.documents.search(q, 20)).map((d) => d.id);
      expect({ q, ids: (await b.documents.search(q, 20)).map((d) => d.id) }).toEqual({ q, ids: expected });
    }
    // OR is a plain word no document holds, not an operator: "cat dog" matches, "cat OR dog" does not.
    expect((await b.documents.search("cat dog", 5)).length).toBeGreaterThan(0);
    expect(await b.documents.search("cat OR dog", 5)).toEqual([]);
  });

  test("identical documents tie and come back by id", async () => {
    const s = await openSqliteStorage({ path: ":memory:" });
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await s.documents.addDocument({ title: "same words", body: i % 3 === 0 ? "other" : "same" }));
    await s.documents.addDocument({ title: "zzz", body: "" });
    const hits = await s.documents.search("same", 12);
    const ties = ids.filter((_, i) => i % 3 !== 0);
    expect(hits.map((d) => d.id)).toEqual(ties.slice(0, 12));
    expect((await s.documents.search("words", 30)).map((d) => d.id)).toEqual(ids); // same tf, same length: all tie
    await s.close();
  });
});
