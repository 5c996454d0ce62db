/**
 * The code points whose folded form (NFKD, marks removed, lower-cased, as `tokenize` folds)
 * mixes letters or digits with other characters: "½" is "1⁄2", "⑴" is "(1)", U+FDFA is four
 * words. Every other code point folds to nothing, or to letters and digits only, or to other
 * characters only; test/unit/token-limits.test.ts checks both against every code point.
 */
export const MIXED_FOLD =
  /[\u00bc-\u00be\u013f\u0140\u2100\u2101\u2103\u2105\u2106\u2109\u2150-\u215f\u2189\u2474-\u24b5\u3200-\u321e\u3220-\u3243\u33a7\u33a8\u33ae\u33af\u33c2\u33c6\u33c7\u33d8\u33de\u33df\ufdfa\ufdfb\u{1f100}-\u{1f10a}\u{1f110}-\u{1f12a}\u{1f240}-\u{1f248}]/u;
const MIXED_FOLD_ALL = new RegExp(MIXED_FOLD.source, "gu");

/** How many more runs (of letters and digits, or of other characters) a MIXED_FOLD code point folds to than one. */
export const MIXED_FOLD_EXTRA_RUNS = 6;

/**
 * An upper bound of `tokenize(text).length`, computed without tokenizing. Folded, `text` is at
 * most `text.length` alternating runs (MIXED_FOLD_EXTRA_RUNS more for each MIXED_FOLD code
 * point), and every token but the last is followed by a run of separators. A limit on tokens
 * skips the tokenizer for every text too short to exceed it.
 */
export function tokenCountBound(text: string): number {
  let runs = text.length;
  if (MIXED_FOLD.test(text)) runs += MIXED_FOLD_EXTRA_RUNS * (text.match(MIXED_FOLD_ALL)?.length ?? 0);
  return Math.ceil(runs / 2);
}
