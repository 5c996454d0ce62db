import { createRng } from "@blue/store-core/conformance";

/** A seeded PRNG (core's mulberry32, `createRng`) so randomized tests replay exactly. */
export function prng(seed: number) {
  const rng = createRng(seed);
  return {
    next: rng.next,
    int: (n: number) => rng.int(0, n - 1),
    pick: <T>(xs: readonly T[]): T => rng.pick(xs),
    chance: (p: number) => rng.next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;
