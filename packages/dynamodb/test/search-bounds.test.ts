import { tfClassOf } from "../src/search/terms";
import { unreadWeightBound, unseenBound, weightAt, weightBound } from "../src/search/bounds";
import { rng } from "./support/corpus";

// The score bounds the threshold search stops on: never below a weight they bound (else search
// would miss a result), and exact at their extreme (else it would read more than it must).
describe("search bounds", () => {
  const random = rng(20261201);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const cases = Array.from({ length: 4000 }, () => {
    const tf = random() < 0.5 ? int(1, 20) : int(1, 5000);
    const dl = tf + (random() < 0.5 ? int(0, 100) : int(0, 200_000));
    return { tf, dl, avg: random() < 0.5 ? int(1, 100) : 1 + random() * 20_000 };
  });

  test("a tf class bounds its tf within a factor of two", () => {
    for (const { tf } of cases) {
      expect(tfClassOf(tf)).toBeGreaterThanOrEqual(tf);
      expect(tfClassOf(tf)).toBeLessThan(2 * tf + 1);
    }
    expect([1, 16, 17, 33, 1000].map(tfClassOf)).toEqual([1, 16, 32, 64, 1024]);
  });

  test("weightBound is at least the weight of every posting of impact ≥ im and tf ≤ maxTf", () => {
    for (const { tf, dl, avg } of cases) {
      const w = weightAt(tf, dl, avg);
      const im = dl / tf;
      for (const maxTf of [tf, tfClassOf(tf), Number.POSITIVE_INFINITY]) {
        expect(weightBound(im, avg, maxTf)).toBeGreaterThanOrEqual(w * (1 - 1e-12));
        expect(weightBound(im * random(), avg, maxTf)).toBeGreaterThanOrEqual(w * (1 - 1e-12));
      }
      // Exact at its extreme: the posting with tf = maxTf at impact im.
      expect(weightBound(im, avg, tf)).toBeCloseTo(w, 12);
    }
  });

  test("unreadWeightBound is at least the weight of the posting it stands for, 0 only when none fits", () => {
    for (const { tf, dl, avg } of cases) {
      const w = weightAt(tf, dl, avg);
      const floor = dl / tf; // the frontier sits exactly at this posting (the same stored double)
      expect(unreadWeightBound(dl, dl, tfClassOf(tf), floor, avg)).toBeGreaterThanOrEqual(w * (1 - 1e-12));
      expect(unreadWeightBound(dl, tf, Number.POSITIVE_INFINITY, floor * random(), avg)).toBeGreaterThanOrEqual(w * (1 - 1e-12));
      expect(unreadWeightBound(dl, tf, tf, 0, avg)).toBeCloseTo(w, 12);
    }
    // Past the frontier no tf ≥ 1 fits (dl / floor < 1), no room is left, or the shard holds no tf.
    expect(unreadWeightBound(10, 10, 16, 10.5, 50)).toBe(0);
    expect(unreadWeightBound(10, 0, 16, 0, 50)).toBe(0);
    expect(unreadWeightBound(10, 10, 0, 0, 50)).toBe(0);
    // A frontier of im 5 leaves tf ≤ 2 to a document of length 10.
    expect(unreadWeightBound(10, 10, 16, 5, 50)).toBe(weightAt(2, 10, 50));
  });

  test("unseenBound equals the best of every document length (it tries only the lengths where a tf cap steps)", () => {
    for (let c = 0; c < 300; c++) {
      const m = int(1, 4);
      const floors = Array.from({ length: m }, () => (random() < 0.1 ? 0 : random() * 30));
      const maxTfs = Array.from({ length: m }, () => int(1, 40));
      const idf = Array.from({ length: m }, () => (random() < 0.5 ? 1e-6 : random() * 8));
      const avg = 5 + random() * 100;
      let brute = 0;
      for (let dl = 1; dl <= 1300; dl++) {
        let sum = 0;
        for (let i = 0; i < m && sum >= 0; i++) {
          const f = floors[i]!;
          const tf = Math.min(maxTfs[i]!, dl, f > 0 ? Math.floor(dl / f + 1e-9) : dl);
          sum = tf >= 1 ? sum + idf[i]! * weightAt(tf, dl, avg) : -1;
        }
        brute = Math.max(brute, sum);
      }
      const { bound, token } = unseenBound(floors, maxTfs, idf, avg);
      expect(bound).toBeGreaterThanOrEqual(brute * (1 - 1e-12));
      expect(bound).toBeLessThanOrEqual(brute * (1 + 1e-9));
      expect(token).toBeGreaterThanOrEqual(0);
      // Never above bounding each list alone.
      const alone = floors.reduce((a, f, i) => a + idf[i]! * weightBound(f, avg, maxTfs[i]!), 0);
      expect(bound).toBeLessThanOrEqual(alone * (1 + 1e-12));
    }
    // Without tf bounds it is the sum of the lists' own bounds.
    expect(unseenBound([3, 5], [Number.POSITIVE_INFINITY, 4], [1, 2], 40).bound).toBeCloseTo(
      weightBound(3, 40, Number.POSITIVE_INFINITY) + 2 * weightBound(5, 40, 4),
      12,
    );
  });
});
