import { conformanceCases, runConformance } from "../../src/conformance";
import { memoryHarness } from "../conformance/memory-harness";
import { brokenCursorBackends } from "./cursors";
import { brokenDialogueBackends } from "./dialogues";
import { brokenDocumentBackends } from "./documents";
import { brokenKeyBackends } from "./keys";
import { brokenReliabilityBackends } from "./reliability";
import { brokenEnumerationBackends } from "./enumeration";
import { brokenErrorBackends } from "./errors";
import { brokenGenericBackends } from "./generic";
import { brokenOptionBackends } from "./options";
import { brokenStoreBackends } from "./stores";

const broken = [
  ...brokenDialogueBackends,
  ...brokenDocumentBackends,
  ...brokenStoreBackends,
  ...brokenKeyBackends,
  ...brokenReliabilityBackends,
  ...brokenEnumerationBackends,
  ...brokenGenericBackends,
  ...brokenCursorBackends,
  ...brokenErrorBackends,
  ...brokenOptionBackends,
];
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
      for (const a of b.alsoFails ?? []) {
        expect([b.name, a.because.length > 0]).toEqual([b.name, true]);
        for (const id of a.cases) expect([b.name, id, ids.has(id), b.mustFail.includes(id)]).toEqual([b.name, id, true, false]);
      }
    }
  });

  test.each(broken.map((b) => [b.name, b] as const))(
    "%s is caught",
    async (_name, b) => {
      const report = await runConformance(
        { ...memoryHarness(), name: b.name, open: async (request) => b.wrap(await memoryHarness().open(request), request.clock) },
        { seed: 42, cases },
      );
      const failed = report.results.filter((r) => r.status === "failed").map((r) => r.id);
      const named = new Set([...b.mustFail, ...(b.alsoFails ?? []).flatMap((a) => a.cases)]);
      // Caught by its own rule, and only by the cases it names: no incidental failures.
      expect({ name: b.name, missed: b.mustFail.filter((id) => !failed.includes(id)) }).toEqual({ name: b.name, missed: [] });
      expect({ name: b.name, unexplained: failed.filter((id) => !named.has(id)) }).toEqual({ name: b.name, unexplained: [] });
      expect({ name: b.name, passedAlthoughNamed: [...named].filter((id) => !failed.includes(id)) }).toEqual({
        name: b.name,
        passedAlthoughNamed: [],
      });
    },
    120_000,
  );
});
