import { conformanceCases, formatReport, runConformance } from "../../src/conformance";
import { logFileHarness, type LogFileVariant } from "./processes/harness";

// Backends broken across processes need real processes to be caught: the log-file backend
// (memory underneath, a JSON-lines log on disk) in two variants, each opened by the kit's worker.
// Each must fail exactly its cases; every other case (in-process multi-handle ones included) passes.
const cases = conformanceCases().filter((c) => c.id !== "limits.document.body");

const broken: Array<{ variant: LogFileVariant; breaks: string; mustFail: string[] }> = [
  {
    variant: "unlocked",
    breaks:
      "no file lock: atomic within a process, but concurrent processes lose each other's writes and all win ifStatus/ifNotExists races",
    mustFail: ["processes.concurrentStatus", "processes.documentIds", "processes.counters", "processes.genericPuts"],
  },
  {
    variant: "lossy",
    breaks: "the last acknowledged write stays in memory until the next write or close(): a SIGKILL loses it",
    mustFail: ["crash.acknowledgedWritesSurvive", "crash.consistentAfterKill"],
  },
];

describe("the kit catches backends broken across processes", () => {
  test.each(broken.map((b) => [b.variant, b] as const))(
    "log-file (%s) fails exactly its cases",
    async (_variant, b) => {
      const harness = logFileHarness(b.variant);
      const report = await runConformance(harness, { seed: 42, cases });
      const failed = report.results.filter((r) => r.status === "failed");
      if (failed.some((r) => !b.mustFail.includes(r.id))) console.log(formatReport(report));
      expect({ breaks: b.breaks, failed: failed.map((r) => r.id) }).toEqual({ breaks: b.breaks, failed: b.mustFail });
      expect(report.results.filter((r) => r.status === "skipped").map((r) => r.id)).toEqual(
        b.variant === "lossy" ? cases.filter((c) => c.requires?.includes("multiProcess")).map((c) => c.id) : [],
      );
      await harness.teardown?.();
    },
    600_000,
  );
});
