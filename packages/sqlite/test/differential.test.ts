import { join } from "node:path";
import { createMemoryStorage, isStoreError, type StorageBackend } from "@blue/store-core";
import { openSqliteStorage } from "../src";
import { manualClock, tempDir } from "./support/files";
import { prng } from "./support/random";
import { randomStep } from "./support/workload";

/** JSON with object keys sorted: arrays keep their order, property order does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The outcome of a call, as compared between backends: the JSON of the value, or the error. */
async function outcome(p: () => Promise<unknown>): Promise<string> {
  try {
    return `ok ${canonical(await p())}`;
  } catch (e) {
    if (!isStoreError(e)) return `NOT A StoreError: ${String(e)}`;
    return `error ${e.code} ${e.message}`;
  }
}

/** Runs the same random workload on the memory reference backend and on SQLite, step by step. */
async function compare(seed: number, steps: number, open: (clock: () => Date) => Promise<StorageBackend>): Promise<number> {
  const r = prng(seed);
  const time = manualClock();
  const memory = createMemoryStorage({ clock: time.clock });
  const sqlite = await open(time.clock);
  let errors = 0;
  try {
    for (let i = 0; i < steps; i++) {
      time.tick(r.int(3));
      const at = () => new Date(Date.parse("2026-02-02T10:00:00.000Z") + r.int(5000)).toISOString();
      const step = randomStep(r, at);
      const expected = await outcome(() => step.run(memory));
      const actual = await outcome(() => step.run(sqlite));
      if (expected.startsWith("error")) errors++;
      if (actual !== expected) throw new Error(`seed ${seed}, step ${i} (${step.name}):\n memory: ${expected}\n sqlite: ${actual}`);
    }
  } finally {
    await sqlite.close();
  }
  return errors;
}

describe("SQLite behaves exactly like the memory reference backend (randomized differential)", () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  test.each([1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14])("in memory, seed %i", async (seed) => {
    const errors = await compare(seed, 800, (clock) => openSqliteStorage({ path: ":memory:", clock }));
    expect(errors).toBeGreaterThan(0); // the workload exercises failures too
  });

  test.each([7, 8])("on a file, seed %i", async (seed) => {
    await compare(seed, 300, (clock) => openSqliteStorage({ path: join(dir, `diff-${seed}.db`), clock, synchronous: "normal" }));
  });
});
