import { conformanceCases, runConformance } from "../../src/conformance";
import { memoryHarness } from "../conformance/memory-harness";
import { brokenCursorBackends } from "./cursors";
import { brokenDialogueBackends } from "./dialogues";
import { brokenDocumentBackends } from "./documents";
import { brokenStoreBackends } from "./stores";

const broken = [...brokenDialogueBackends, ...brokenDocumentBackends, ...brokenStoreBackends, ...brokenCursorBackends];
// The 10 MiB case is slow and only meaningful for backends that break a document limit.
const cases = conformanceCases().filter((c) => c.id !== "limits.document.body");

describe("the conformance kit catches deliberately broken backends", () => {
  test("there are at least 25, with distinct names, each naming existing cases it must fail", () => {
    expect(broken.length).toBeGreaterThanOrEqual(25);
    expect(new Set(broken.map((b) => b.name)).size).toBe(broken.length);
    const ids = new Set(conformanceCases().map((c) => c.id));
    for (const b of broken) {
      expect(b.mustFail.length).toBeGreaterThan(0);
      for (const id of b.mustFail) expect([b.name, ids.has(id)]).toEqual([b.name, true]);
    }
  });

  test.each(broken.map((b) => [b.name, b] as const))("%s is caught", async (_name, b) => {
    const report = await runConformance(
      { ...memoryHarness(), name: b.name, create: async ({ clock }) => b.wrap((await memoryHarness().create({ namespace: "x", clock })), clock) },
      { seed: 42, cases },
    );
    const failed = report.results.filter((r) => r.status === "failed").map((r) => r.id);
    expect({ name: b.name, missed: b.mustFail.filter((id) => !failed.includes(id)) }).toEqual({ name: b.name, missed: [] });
    expect(report.failed).toBeGreaterThan(0);
  }, 120_000);
});
