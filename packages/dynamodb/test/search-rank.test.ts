import { rankTop, WHOLE_LIST_MAX } from "../src/search/rank";
import { rng } from "./support/corpus";
import { PostingTable } from "./support/posting-table";

// rankTop over an in-memory index (no DynamoDB): at corpus sizes DynamoDB Local takes half an
// hour to load, its answer equals the exhaustive BM25 ranking, and the read units its posting
// reads and point checks cost (as AWS bills them) do not grow with the corpus.
const COMMON = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it"];

/**
 * An English-like corpus: Zipf words, documents of 20–70 words (the benchmark's shape); when
 * `skewed`, 2% of 200–2,000 words (tf classes above 16), exact duplicates (tied scores), and
 * one in nine of a word or two: the smallest impacts (dl/tf), yet not the best weights, so the
 * best documents lie beyond the first pages and only exact bounds find them.
 */
function bodies(size: number, seed: number, skewed: boolean): string[] {
  const random = rng(seed);
  const vocab = [...COMMON, ...Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x`)];
  const cumulative: number[] = [];
  vocab.reduce((sum, _, i) => (cumulative[i] = sum + 1 / (i + 1)), 0);
  const total = cumulative[cumulative.length - 1]!;
  const pick = () => {
    const r = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]!;
  };
  return Array.from({ length: size }, (_, i) => {
    const n = skewed && random() < 0.02 ? 200 + Math.floor(random() * 1800) : 20 + Math.floor(random() * 51);
    const words = Array.from({ length: n }, pick);
    if (i % 25 === 7 && i < 1000) words.push("rareword");
    if (i % 40 === 3 && i < 3000) words.push("midword");
    if (i === 500) words.push("zqxjunique");
    // Exact duplicates: their scores tie and the lower id ranks first.
    if (skewed && i % 9 === 4) return TINY[i % TINY.length]!;
    return skewed && i % 97 === 5 ? "the of the and" : words.join(" ");
  });
}

const TINY = ["the", "of", "the of", "and the", "of and", "the w1x", "in", "a the"];
const QUERIES = [
  "the",
  "the of",
  "of the and",
  "the zqxjunique",
  "the of rareword",
  "rareword",
  "midword the",
  "and to in a",
  "w1x the",
  "the zzznothing",
];

const rank = (table: PostingTable, query: string, limit: number) => {
  const tokens = query.split(" ");
  return rankTop(
    table.executor(),
    tokens,
    tokens.map((t) => table.listOf(t)),
    table.stats,
    limit,
  );
};

describe("rankTop against the exhaustive ranking", () => {
  for (const size of [1000, 4000, 16000]) {
    const table = new PostingTable(bodies(size, 20261201, true));
    for (const limit of [1, 10, 100]) {
      test(`${size} documents (long ones and duplicates among them), limit ${limit}: the same documents, scores and order`, async () => {
        for (const query of QUERIES) {
          const got = await rank(table, query, limit);
          const want = table.expected(query.split(" "), limit);
          expect({ query, ids: got.map((h) => h.id) }).toEqual({ query, ids: want.map((h) => h.id) });
          for (const [i, h] of got.entries()) expect(h.score).toBeCloseTo(want[i]!.score, 12);
        }
      });
    }
  }
});

describe("rankTop's read units (as AWS bills them), limit 10", () => {
  const [small, large] = [1000, 4000].map((n) => new PostingTable(bodies(n, 20261201, false)));
  const units = async (table: PostingTable, query: string) => {
    table.units = 0;
    await rank(table, query, 10);
    return table.units;
  };
  // A whole search as issue 11 measures it: the plan (32 statistics shards and 12 counters per
  // token, an item read each), rankTop's reads, and one item read per document returned.
  const searchUnits = async (table: PostingTable, query: string) => {
    const hits = await rank(table, query, 10);
    return 32 + 12 * query.split(" ").length + (await units(table, query)) + hits.length;
  };

  test.each(["the", "the of", "the zqxjunique", "the of rareword", "rareword"])(
    "%s: a search at 4,000 documents costs at most 1.5× what it costs at 1,000",
    async (query) => {
      const [a, b] = [await searchUnits(small!, query), await searchUnits(large!, query)];
      expect({ query, a, b, flat: b <= 1.5 * a }).toEqual({ query, a, b, flat: true });
    },
  );

  test("a token no document holds: nothing is read", async () => {
    expect(await units(large!, "the zzznothing")).toBe(0);
  });

  test("a token of at most WHOLE_LIST_MAX postings decides: its list is read whole, then about k point checks per other token", async () => {
    expect(large!.listOf("rareword").n.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(WHOLE_LIST_MAX);
    large!.checkUnits = 0;
    const all = await units(large!, "the of rareword");
    // 12 shard Queries of the rare list, then candidates k, 2k (× 2 other tokens) until the rest cannot enter.
    expect(all - large!.checkUnits).toBe(12);
    expect(large!.checkUnits).toBeLessThanOrEqual(3 * 10 * 2);
  });
});
