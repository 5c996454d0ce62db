// The closing line of .ci/run: "N passed, N failed, N skipped", summed so that a red run can
// never say "0 failed".
//
//   node .ci/summary.mjs <log> <report-dir> <exit-status>
//
// - Test counts come from the machine-readable reports the runners wrote into <report-dir>
//   (jest through tooling/jest-preset/report.js, vitest's JSON reporter), never from text, so a
//   replayed cache log is never counted. A suite that failed outside its tests (a file that throws
//   at import, a failed global setup) counts as one failure.
// - The project's own checks (pack-check, lint-packages, install isolation, publish test) print
//   "name: N passed, N failed"; those lines are summed from the log.
// - Every turbo task that failed (build, typecheck, lint, or a test task whose runner wrote no
//   report showing the failure) counts as one failure.
// - A non-zero exit status that nothing above accounts for counts as one failure, and so does a
//   green-looking run in which no test ran.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [logPath, reportDir, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? 0);
const log = readFileSync(logPath, "utf8").replace(/\x1b\[[0-9;]*m/g, "");

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];
/** Jest counts per Node version (the Node matrix runs the suites on several): one line each. */
const byNode = new Map();
/** Packages whose test report shows failures (their failed turbo task is already counted). */
const failingPackages = new Set();

// 1. Runner reports.
let reports = [];
try {
  reports = readdirSync(reportDir).filter((f) => f.endsWith(".json"));
} catch {
  notes.push(`no report folder ${reportDir}`);
}
for (const file of reports) {
  const r = JSON.parse(readFileSync(join(reportDir, file), "utf8"));
  if (r.runner === "jest") {
    const outside = r.suitesFailedOutsideTests.length;
    passed += r.passed;
    skipped += r.skipped;
    failed += r.failed + outside;
    if (outside > 0) notes.push(`${r.package}: ${outside} suite(s) failed outside their tests: ${r.suitesFailedOutsideTests.join(", ")}`);
    if (r.failed + outside > 0 || !r.success) failingPackages.add(r.package);
    const node = byNode.get(r.node ?? "unknown") ?? { passed: 0, failed: 0, skipped: 0 };
    node.passed += r.passed;
    node.failed += r.failed + outside + (!r.success && r.failed + outside === 0 ? 1 : 0);
    node.skipped += r.skipped;
    byNode.set(r.node ?? "unknown", node);
    if (!r.success && r.failed + outside === 0) {
      failed += 1;
      notes.push(`${r.package}: jest reported an unsuccessful run with no failed test`);
    }
  } else {
    // vitest's JSON reporter (jest-compatible field names)
    const outside = (r.testResults ?? []).filter(
      (t) => t.status === "failed" && (t.assertionResults ?? []).every((a) => a.status !== "failed"),
    ).length;
    passed += r.numPassedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    failed += r.numFailedTests + outside;
    if (r.numFailedTests + outside > 0 || !r.success) failingPackages.add("@blue/store-core");
    if (!r.success && r.numFailedTests + outside === 0) {
      failed += 1;
      notes.push("vitest reported an unsuccessful run with no failed test");
    }
  }
}

// 2. The project's own checks.
for (const line of log.split("\n")) {
  const m = line.match(/^\s*([\w-]+): (\d+) passed, (\d+) failed/);
  if (m) {
    passed += Number(m[2]);
    failed += Number(m[3]);
  }
}

// 3. Turbo tasks.
const tasks = log.match(/Tasks:\s+(\d+) successful, (\d+) total/);
const failedTasks = [...log.matchAll(/^\s*Failed:\s+(.+)$/gm)]
  .flatMap((m) => m[1].split(/,\s*/))
  .map((t) => t.trim())
  .filter(Boolean);
for (const task of new Set(failedTasks)) {
  const [pkg, name] = task.split("#");
  if (name === "test" && failingPackages.has(pkg)) continue;
  failed += 1;
  notes.push(`turbo task ${task} failed`);
}
if (tasks && Number(tasks[1]) + failedTasks.length < Number(tasks[2])) {
  notes.push(`${Number(tasks[2]) - Number(tasks[1]) - failedTasks.length} turbo task(s) did not run`);
}
const replayed = [...log.matchAll(/^\s*(\S+):test: cache hit, replaying logs/gm)].map((m) => m[1]);
if (replayed.length > 0) notes.push(`test results replayed from turbo's cache, not counted: ${replayed.join(", ")}`);

// 4. Whatever is still unaccounted for.
if (status !== 0 && failed === 0) {
  failed = 1;
  notes.push(`the run exited with status ${status} and no runner reported the failure`);
}
if (passed === 0 && failed === 0) {
  failed = 1;
  notes.push("no test ran");
}

for (const n of notes) console.log(`summary: ${n}`);
if (byNode.size > 1) {
  for (const [node, c] of [...byNode].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))) {
    console.log(`summary: jest on Node ${node}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
