import { createRng } from "@blue/store-core/conformance";

/** A seeded generator (core's mulberry32, `createRng`). */
export function rng(seed: number): () => number {
  return createRng(seed).next;
}

const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qua", "bri", "del", "fon", "gar", "hex"];
const SPECIAL = [
  "Café",
  "olé",
  "naïve",
  "straße",
  "Ærø",
  "日本",
  "ﬁle",
  "x²",
  "Ⅻ",
  "can't",
  "e-mail",
  "C++",
  "AND",
  "OR",
  "NOT",
  "NEAR",
  '"quoted"',
  "wild*",
];

/** A vocabulary of `n` words; word i is drawn with Zipf-like weight 1/(i+1). */
export function vocabulary(random: () => number, n: number): { words: string[]; pick(): string } {
  const words: string[] = [...SPECIAL];
  while (words.length < n) {
    let w = "";
    const parts = 1 + Math.floor(random() * 3);
    for (let i = 0; i < parts; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!words.includes(w)) words.push(w);
  }
  const weights = words.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return {
    words,
    pick() {
      let r = random() * total;
      for (let i = 0; i < words.length; i++) if ((r -= weights[i]!) <= 0) return words[i]!;
      return words[words.length - 1]!;
    },
  };
}

/** `count` documents of 3..40 words with a title of 1..4 words. */
export function corpus(seed: number, count: number) {
  const random = rng(seed);
  const vocab = vocabulary(random, 600);
  const text = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => vocab.pick()).join(random() < 0.2 ? ", " : " ");
  const docs = Array.from({ length: count }, (_, i) => ({ title: text(1, 4), body: text(3, 40), kind: i % 7 === 0 ? "note" : undefined }));
  const queries = Array.from({ length: 240 }, (_, i) => {
    if (i % 40 === 0) return "zzzunknown " + vocab.pick();
    if (i % 17 === 0) return vocab.pick().toUpperCase() + "!";
    const n = 1 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => (random() < 0.5 ? vocab.pick() : vocab.words[Math.floor(random() * vocab.words.length)]!)).join(
      " ",
    );
  });
  const limits = queries.map(() => [1, 5, 10, 50, 1000][Math.floor(random() * 5)]!);
  return { docs, queries, limits, random, vocabulary: vocab.words };
}
