import { mergeShards } from "../src/table/shard-merge";
import { rng } from "./support/corpus";

// The K-way merge alone, over in-memory shards: every page equals the same slice of the
// sorted union, for skewed and even spreads, and reads stay close to the page size.
describe("mergeShards", () => {
  function shardsOf(values: number[], k: number, pick: (v: number) => number) {
    const shards: number[][] = Array.from({ length: k }, () => []);
    for (const v of values) shards[pick(v)]!.push(v);
    for (const s of shards) s.sort((a, b) => a - b);
    return shards;
  }
  const reader =
    (shards: number[][], after: number | undefined, log: { read: number }) =>
    async (shard: number, resume: string | undefined, n: number) => {
      const from = resume !== undefined ? Number(resume) : (after ?? -Infinity);
      const rest = shards[shard]!.filter((v) => v > from);
      const items = rest.slice(0, n);
      log.read += items.length;
      return { items, resume: rest.length > n ? String(items[items.length - 1]) : undefined };
    };

  it.each([
    ["even", (v: number) => v % 8],
    ["all in one shard", () => 3],
    ["skewed", (v: number) => (v % 10 < 7 ? 0 : v % 8)],
  ] as const)("pages equal slices of the sorted union (%s)", async (_name, pick) => {
    const random = rng(7);
    const values = [...new Set(Array.from({ length: 300 }, () => Math.floor(random() * 10_000)))];
    const sorted = [...values].sort((a, b) => a - b);
    const shards = shardsOf(values, 8, pick);
    for (const limit of [1, 7, 50, 299, 400]) {
      let after: number | undefined;
      const got: number[] = [];
      for (;;) {
        const log = { read: 0 };
        const page = await mergeShards<number>(8, reader(shards, after, log), (a, b) => a - b, limit);
        got.push(...page.items);
        expect(page.items.length).toBe(page.more ? limit : Math.min(limit, sorted.length - got.length + page.items.length));
        if (!page.more) break;
        after = page.items[page.items.length - 1];
      }
      expect(got).toEqual(sorted);
    }
  });

  it("reads about one page from evenly spread shards, and drops later duplicates", async () => {
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const shards = shardsOf(values, 8, (v) => v % 8);
    const log = { read: 0 };
    const page = await mergeShards<number>(8, reader(shards, undefined, log), (a, b) => a - b, 100);
    expect(page.items).toEqual(values.slice(0, 100));
    expect(log.read).toBeLessThanOrEqual(8 * (Math.ceil(101 / 8) + 2));
    const dup = [
      [1, 2],
      [2, 3],
    ];
    const merged = await mergeShards<number>(2, reader(dup, undefined, { read: 0 }), (a, b) => a - b, undefined, String);
    expect(merged.items).toEqual([1, 2, 3]);
  });
});
