import { BM25_B, BM25_K1, bm25Idf, bm25Score, compareScored, rankHits } from "../../src/search/bm25";
import { documentTerms, queryTokens, tokenize } from "../../src/search/tokenizer";

describe("tokenizer", () => {
  test.each([
    ["Café-Olé's", ["cafe", "ole", "s"]],
    ["ﬁnance ＡＢＣ x²", ["finance", "abc", "x2"]],
    ["cats OR dogs", ["cats", "or", "dogs"]],
    ['NEAR("a" b*) -c title:d', ["near", "a", "b", "c", "title", "d"]],
    ["Москва 東京 2024", ["москва", "東京", "2024"]],
    ["emoji😀split", ["emoji", "split"]],
    ["", []],
    ["--- ***", []],
  ])("tokenize(%j)", (input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });

  test("queryTokens are distinct, in first-seen order", () => {
    expect(queryTokens("b a B A c")).toEqual(["b", "a", "c"]);
  });

  test("a multi-megabyte run of letters is one token (no regexp stack overflow)", () => {
    const run = "é".repeat(3_000_000);
    const tokens = tokenize(`start ${run} end`);
    expect(tokens.map((t) => t.length)).toEqual([5, 3_000_000, 3]);
    expect(tokens[1]).toBe("e".repeat(3_000_000));
  });

  test("chunks of exactly 4096 letters join into one token", () => {
    expect(tokenize(`${"a".repeat(4096)}${"b".repeat(4096)} c`)).toEqual([`${"a".repeat(4096)}${"b".repeat(4096)}`, "c"]);
  });

  test("documentTerms counts title and body tokens", () => {
    const t = documentTerms({ title: "A b", body: "a c" });
    expect(t.length).toBe(4);
    expect([...t.frequencies]).toEqual([
      ["a", 2],
      ["b", 1],
      ["c", 1],
    ]);
  });
});

describe("BM25", () => {
  test("uses k1 = 1.2 and b = 0.75", () => {
    expect([BM25_K1, BM25_B]).toEqual([1.2, 0.75]);
  });

  test("idf is ln((N − n + 0.5)/(n + 0.5)), raised to 1e-6 where not positive", () => {
    expect(bm25Idf(10, 2)).toBeCloseTo(Math.log(8.5 / 2.5), 12);
    expect(bm25Idf(2, 1)).toBe(1e-6);
    expect(bm25Idf(4, 3)).toBe(1e-6);
  });

  test("score matches the formula computed by hand", () => {
    const corpus = { documentCount: 4, totalLength: 40 };
    const tf = 3;
    const len = 5;
    const idf = Math.log((4 - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + 0.75 * (len / 10)));
    expect(bm25Score([tf, 0], [1, 2], len, corpus)).toBeCloseTo(expected, 12);
  });

  test("ranks by score, ties within 1e-9 relative go to the lower id", () => {
    const hits = [
      { id: 3, score: 1 },
      { id: 1, score: 1 + 1e-12 },
      { id: 2, score: 2 },
      { id: 4, score: 0.5 },
    ];
    expect(rankHits(hits, 3).map((h) => h.id)).toEqual([2, 1, 3]);
    expect(compareScored({ id: 9, score: 1 }, { id: 1, score: 1.1 })).toBeGreaterThan(0);
  });
});

describe("tokenize: the ASCII fast path", () => {
  it("gives the same tokens as the full Unicode path", () => {
    const alphabet = "abcXYZ019 -_'\"\t\n.,:;()*ABC";
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 200; round++) {
      let text = "";
      const length = next() % 80;
      for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
      // A trailing non-ASCII word forces the full path; it adds exactly one token.
      expect(tokenize(`${text} é`)).toEqual([...tokenize(text), "e"]);
    }
  });
});
