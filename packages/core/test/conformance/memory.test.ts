import { conformanceCases, formatReport, runConformance } from "../../src/conformance";
import { memoryHarness } from "./memory-harness";
import { laggingHarness } from "./lagging-harness";
import { sharedMemoryHarness } from "./shared-memory-harness";

const total = conformanceCases().length;

describe("the conformance kit against the memory backend", () => {
  test("passes with 0 failed and 0 xfail; only capability cases are skipped", async () => {
    const report = await runConformance(memoryHarness(), { seed: 20260101 });
    const text = formatReport(report);
    if (report.failed > 0) console.log(text);
    expect(report.failed).toBe(0);
    expect(report.xfail).toBe(0);
    expect(report.passed + report.skipped).toBe(total);
    const skipped = report.results.filter((r) => r.status === "skipped");
    expect(skipped.filter((r) => !/^(durability|multiProcess|processes|crash)\./.test(r.id))).toEqual([]);
    for (const r of skipped)
      expect([r.id, r.reason]).toEqual([
        r.id,
        /^(processes|crash)\./.test(r.id)
          ? expect.stringMatching(/^requires worker: the harness declares no worker/)
          : expect.stringMatching(/^requires (persistent|multiProcess): capabilities\.\w+ is false$/),
      ]);
    expect(text.split("\n").at(-1)).toBe(`${report.passed} passed, 0 failed, ${report.skipped} skipped`);
  }, 300_000);

  test("as a persistent, multi-handle backend it passes every case; only the real-process cases are skipped (no worker)", async () => {
    const report = await runConformance(sharedMemoryHarness(), {
      seed: 3,
      cases: conformanceCases().filter((c) => c.id !== "limits.document.body"),
    });
    if (report.failed > 0) console.log(formatReport(report));
    const processCases = conformanceCases().filter((c) => c.requires?.includes("worker")).length;
    expect([report.failed, report.skipped, report.passed]).toEqual([0, processCases, total - 1 - processCases]);
  }, 300_000);

  test("with lagging listings and eventual consistency declared, it still passes (listings are awaited with eventually)", async () => {
    const report = await runConformance(laggingHarness(), {
      seed: 11,
      cases: conformanceCases().filter((c) => c.id !== "limits.document.body"),
    });
    if (report.failed > 0) console.log(formatReport(report));
    expect(report.failed).toBe(0);
  }, 300_000);
});
