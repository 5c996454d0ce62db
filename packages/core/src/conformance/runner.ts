import { conformanceCases } from "./cases";
import { ConformanceSession } from "./session";
import type {
  AnyConformanceHarness,
  CaseResult,
  ConformanceHarness,
  LegacyConformanceHarness,
  ConformanceCase,
  ConformanceReport,
  RunOptions,
} from "./types";

/** The cases whose id matches `filter` (a substring, or a RegExp). */
export function selectCases(cases: ConformanceCase[], filter: string | RegExp | undefined): ConformanceCase[] {
  if (filter === undefined) return cases;
  return cases.filter((c) => (typeof filter === "string" ? c.id.includes(filter) : filter.test(c.id)));
}

/** A result for `expectedFailures` entries that name no case: stale entries fail the run. */
function staleExpectedFailures(harness: AnyConformanceHarness, all: ConformanceCase[]): CaseResult[] {
  const ids = new Set(all.map((c) => c.id));
  return Object.keys(harness.expectedFailures ?? {})
    .filter((id) => !ids.has(id))
    .map((id) => ({
      id: `kit.expectedFailures.${id}`,
      title: "expectedFailures names an existing case",
      status: "failed" as const,
      error: `expectedFailures names "${id}", which is not a conformance case id`,
      durationMs: 0,
    }));
}

/**
 * Runs the conformance cases against a harness, each in a fresh backend, one after another.
 * Never throws for a failing case: the report says what passed, failed, was skipped or xfail.
 */
export async function runConformance(harness: ConformanceHarness, options?: RunOptions): Promise<ConformanceReport>;
/** @deprecated The legacy harness shape (`create`/`reopen`); see `LegacyConformanceHarness`. */
export async function runConformance(harness: LegacyConformanceHarness, options?: RunOptions): Promise<ConformanceReport>;
export async function runConformance(harness: AnyConformanceHarness, options: RunOptions = {}): Promise<ConformanceReport> {
  const all = options.cases ?? conformanceCases();
  const cases = selectCases(all, options.filter);
  const session = new ConformanceSession(harness, options);
  const started = Date.now();
  const results: CaseResult[] = [];
  await session.setup();
  try {
    for (const c of cases) {
      const r = await session.runCase(c);
      results.push(r);
      options.onResult?.(r);
    }
  } finally {
    await session.teardown();
  }
  if (options.filter === undefined) results.push(...staleExpectedFailures(harness, all));
  const count = (s: CaseResult["status"]) => results.filter((r) => r.status === s).length;
  return {
    harness: harness.name,
    seed: session.seed,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    xfail: count("xfail"),
    durationMs: Date.now() - started,
    results,
  };
}

/**
 * A plain-text report: each failure with its error, each skip and xfail with its reason, the
 * seed, and last the line `N passed, N failed, N skipped`.
 */
export function formatReport(report: ConformanceReport): string {
  const lines: string[] = [`conformance: ${report.harness} (seed ${report.seed}, ${report.results.length} cases, ${report.durationMs} ms)`];
  for (const r of report.results) {
    if (r.status === "failed") lines.push(`FAIL ${r.id}: ${r.title}`, ...(r.error ?? "").split("\n").map((l) => `    ${l}`));
    else if (r.status === "skipped") lines.push(`SKIP ${r.id}: ${r.reason ?? ""}`);
    else if (r.status === "xfail") lines.push(`XFAIL ${r.id}: ${r.reason ?? ""}`);
  }
  if (report.xfail > 0) lines.push(`${report.xfail} expected failures`);
  lines.push(`${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
  return lines.join("\n");
}
