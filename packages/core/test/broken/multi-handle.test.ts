import { conformanceCases, runConformance } from "../../src/conformance";
import { nextDocumentId } from "../../src/model";
import { blocksIgnoringImports, brokenHandleHarness, laterHandlesCountDown, type IdAssigner } from "./handles";

// Per-handle id rules need two handles over the same data, so these broken backends are
// multi-handle harnesses (memory underneath): each breaks one rule, and the kit must fail
// exactly the cases of that rule (the durability and multi-process cases, and the documents
// cases, all run).
const cases = conformanceCases().filter((c) => /^(durability|multiProcess|documents)\./.test(c.id));

const broken: Array<[name: string, assign: IdAssigner, mustFail: string[]]> = [
  ["ids-reassign-imported", blocksIgnoringImports, ["multiProcess.importedIdsNotReassigned"]],
  ["ids-decrease-in-a-handle", laterHandlesCountDown, ["multiProcess.documentIdsPerHandle"]],
];

describe("the kit catches multi-handle id rules broken", () => {
  test.each(broken)(
    "%s fails exactly its cases",
    async (name, assign, mustFail) => {
      const report = await runConformance(brokenHandleHarness(name, assign), { seed: 42, cases });
      expect(report.results.filter((r) => r.status === "skipped")).toEqual([]);
      expect(report.results.filter((r) => r.status === "failed").map((r) => r.id)).toEqual(mustFail);
    },
    60_000,
  );

  test("an id assigner that keeps the rules passes them all", async () => {
    const oneSequence: IdAssigner = (_n, data) => ({
      next: () => (data.last = nextDocumentId(data.last)),
      imported: (id) => (data.last = Math.max(data.last, id)),
    });
    const report = await runConformance(brokenHandleHarness("one-sequence", oneSequence), { seed: 42, cases });
    expect(report.results.filter((r) => r.status === "failed").map((r) => `${r.id}: ${r.error}`)).toEqual([]);
  }, 60_000);
});
