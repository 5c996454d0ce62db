import { conformanceCases, formatReport, runConformance } from "../../src/conformance";
import { memoryHarness } from "./memory-harness";

describe("the conformance kit against the memory backend", () => {
  test("passes with 0 failed and 0 xfail; only capability cases are skipped", async () => {
    const report = await runConformance(memoryHarness(), { seed: 20260101 });
    const text = formatReport(report);
    if (report.failed > 0) console.log(text);
    expect(report.failed).toBe(0);
    expect(report.xfail).toBe(0);
    expect(report.passed + report.skipped).toBe(conformanceCases().length);
    const skipped = report.results.filter((r) => r.status === "skipped");
    expect(skipped.every((r) => /^(durability|multiProcess)\./.test(r.id) && /no reopen/.test(r.reason ?? ""))).toBe(true);
    expect(text.split("\n").at(-1)).toBe(`${report.passed} passed, 0 failed, ${report.skipped} skipped`);
  }, 300_000);
});
