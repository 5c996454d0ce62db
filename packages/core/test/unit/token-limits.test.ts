import { MIXED_FOLD, MIXED_FOLD_EXTRA_RUNS, tokenCountBound } from "../../src/search/token-bound";
import { documentText, tokenize } from "../../src/search/tokenizer";
import { applyDocumentPatch, buildDocument, validateSearch } from "../../src/model/documents";
import { createModelContext } from "../../src/model/context";
import { LIMITS } from "../../src/validation/limits";

/** The runs (letters and digits, or other characters) of one code point folded as `tokenize` folds. */
function foldedRuns(c: string): number {
  const folded = c.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return folded.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu)?.length ?? 0;
}

describe("tokenCountBound", () => {
  test("MIXED_FOLD lists exactly the code points that fold to more than one run, none to more than 1 + MIXED_FOLD_EXTRA_RUNS", () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const runs = foldedRuns(c);
      const mixed = MIXED_FOLD.test(c);
      if (mixed ? runs < 2 || runs > 1 + MIXED_FOLD_EXTRA_RUNS : runs > 1)
        wrong.push(`U+${cp.toString(16)} (${runs} runs, listed: ${mixed})`);
    }
    expect(wrong).toEqual([]);
  });

  test.each([
    ["", 0],
    ["a", 1],
    ["a b", 2],
    ["ab cd ef", 4],
    ["½", 4],
    ["a½b½c", 3 + 6],
  ])("tokenCountBound(%j) is %d", (text, bound) => {
    expect(tokenCountBound(text)).toBe(bound);
  });

  test("bounds the tokens of texts packed with separators, mixed code points and marks", () => {
    const parts = ["a", "b", "1", " ", "-", "½", "⑴", "⒜", "\ufdfa", "\u{1f100}", "\u0301", "é", "ﬁ", "㍱", "😀", "Σ"];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 40) }, () => parts[Math.floor(random() * parts.length)]).join("");
      expect([text, tokenize(text).length <= tokenCountBound(text)]).toEqual([text, true]);
    }
  });

  test("a text of one-letter tokens reaches the bound", () => {
    expect(tokenize("a b c d").length).toBe(tokenCountBound("a b c d"));
  });
});

describe("the token limits in the model", () => {
  const ctx = createModelContext(() => new Date(Date.UTC(2026, 0, 1)));
  const cjk = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + i)).join(" ");

  test("a document shorter than 2 × 8,192 units is refused when NFKD folds it to 8,193 distinct tokens", () => {
    // ⑴…⒇ and ⒜…⒵ fold to "(1)" … "(z)": 46 tokens in 46 units, no separators between them.
    const packed = `${String.fromCharCode(...Array.from({ length: 20 }, (_, i) => 0x2474 + i))}${String.fromCharCode(...Array.from({ length: 26 }, (_, i) => 0x249c + i))}`;
    const body = `${packed}${cjk(LIMITS.documentMaxTokens + 1 - 46)}`;
    expect(documentText({ title: "", body }).length).toBeLessThan(2 * LIMITS.documentMaxTokens);
    expect(new Set(tokenize(body)).size).toBe(LIMITS.documentMaxTokens + 1);
    expect(() => buildDocument({ title: "", body }, ctx)).toThrow(
      expect.objectContaining({ code: "VALIDATION", details: { field: "body", limit: LIMITS.documentMaxTokens } }),
    );
    expect(() => buildDocument({ title: "", body: body.slice(1) }, ctx)).not.toThrow();
  });

  test("an update is checked after the patch is applied; a patch without title and body is not", () => {
    const doc = { id: 1, ...buildDocument({ title: "t", body: cjk(LIMITS.documentMaxTokens - 1) }, ctx) };
    expect(() => applyDocumentPatch(doc, { title: "t u" }, ctx)).toThrow(
      expect.objectContaining({ code: "VALIDATION", details: { field: "body", limit: LIMITS.documentMaxTokens } }),
    );
    expect(() => applyDocumentPatch(doc, { title: "t t" }, ctx)).not.toThrow();
    const over = { ...doc, body: cjk(LIMITS.documentMaxTokens + 5) };
    expect(applyDocumentPatch(over, { kind: "k" }, ctx).kind).toBe("k");
  });

  test("validateSearch counts distinct tokens after folding", () => {
    const words = Array.from({ length: 33 }, (_, i) => `w${i}`);
    expect(
      validateSearch(
        words.slice(0, 32).join(" ") +
          " " +
          words
            .slice(0, 32)
            .map((w) => w.toUpperCase())
            .join(" "),
        undefined,
      ),
    ).toBe(10);
    expect(() => validateSearch(words.join(" "), 5)).toThrow("query: 33 distinct search tokens; the limit is 32");
  });
});
