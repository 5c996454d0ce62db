import { runConformance } from "../../src/conformance";
import { modelCases } from "../../src/conformance/cases/model";
import { createMemoryStorage } from "../../src/memory";
import type { StorageBackend } from "../../src/types/stores";

/** The memory backend, with every document call delayed: a backend too slow for the budget. */
function slow(base: StorageBackend, ms: number): StorageBackend {
  const documents = new Proxy(base.documents, {
    get: (target, key) => {
      const v = Reflect.get(target, key);
      return typeof v === "function"
        ? async (...args: unknown[]) => (await new Promise((r) => setTimeout(r, ms)), v.apply(target, args))
        : v;
    },
  });
  return { ...base, documents, dialogues: base.dialogues, links: base.links, store: base.store.bind(base), close: () => base.close() };
}

describe("model-based cases count their runs", () => {
  test("a property run interrupted by its time budget before all runs is a failed case, naming the runs it made", async () => {
    const cases = modelCases({ numRuns: 50, timeBudgetMs: 300 }).filter((c) => c.id === "model.documents");
    const report = await runConformance(
      { name: "slow", create: async ({ clock }) => slow(createMemoryStorage({ clock }), 5) },
      { seed: 1, cases },
    );
    expect(report.results[0]!.status).toBe("failed");
    expect(report.results[0]!.error).toMatch(/interrupted after \d+ of 50 runs \(time budget 0\.3 s\)/);
  }, 30_000);

  test("the same case passes when every run completes", async () => {
    const cases = modelCases({ numRuns: 3, timeBudgetMs: 20_000 }).filter((c) => c.id === "model.documents");
    const report = await runConformance({ name: "fast", create: async ({ clock }) => createMemoryStorage({ clock }) }, { seed: 1, cases });
    expect(report.results.map((r) => [r.id, r.status])).toEqual([["model.documents", "passed"]]);
  }, 30_000);
});
