import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(__dirname, "../../..");
const summary = join(repo, ".ci/summary.mjs");
const fixture = resolve(__dirname, "../fixtures/throws-at-import");
const passing = resolve(__dirname, "../fixtures/passing");
const jestBin = require.resolve("jest/bin/jest");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ci-summary-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs .ci/summary.mjs on a log text, the report folder and an exit status; returns its lines. */
function summarize(log: string, status: number): string[] {
  const logFile = join(dir, "log.txt");
  writeFileSync(logFile, log);
  const out = spawnSync(process.execPath, [summary, logFile, join(dir, "reports"), String(status)], { encoding: "utf8" });
  expect(out.status).toBe(0);
  return out.stdout.trim().split("\n");
}
const closing = (lines: string[]) => lines[lines.length - 1];

describe(".ci/summary.mjs: the closing line counts every failure", () => {
  test("a real jest run with a test file that throws at import closes on a non-zero failed count", () => {
    const run = spawnSync(
      process.execPath,
      [jestBin, "--rootDir", fixture, "--config", JSON.stringify({ preset: "@blue/jest-preset", rootDir: fixture })],
      {
        encoding: "utf8",
        cwd: fixture,
        env: { ...process.env, BLUE_TEST_REPORT_DIR: join(dir, "reports") },
      },
    );
    expect(run.status).not.toBe(0);
    // jest's own text line says "1 passed" and nothing failed: the reason text parsing was wrong.
    expect(run.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(run.stderr).toMatch(/Test Suites:\s+1 failed/);
    expect(readdirSync(join(dir, "reports"))).toHaveLength(1);
    const lines = summarize(run.stderr, run.status ?? 1);
    expect(closing(lines)).toBe("1 passed, 1 failed, 0 skipped");
    expect(lines.join("\n")).toMatch(/suite\(s\) failed outside their tests: test\/throws\.test\.ts/);
  }, 60_000);

  test("a real, green jest run closes on its own counts with 0 failed", () => {
    const run = spawnSync(
      process.execPath,
      [jestBin, "--rootDir", passing, "--config", JSON.stringify({ preset: "@blue/jest-preset", rootDir: passing })],
      {
        encoding: "utf8",
        cwd: passing,
        env: { ...process.env, BLUE_TEST_REPORT_DIR: join(dir, "reports") },
      },
    );
    expect(run.status).toBe(0);
    const lines = summarize(run.stderr, 0);
    expect(lines).toEqual(["1 passed, 0 failed, 1 skipped"]);
  }, 60_000);

  test("a failed step that no runner reported (DynamoDB Local could not start: no report at all) is a failure", () => {
    expect(closing(summarize("@blue/store-dynamodb:test: Error: spawn java ENOENT\n", 1))).toBe("0 passed, 1 failed, 0 skipped");
  });

  test("failed build, typecheck and lint tasks count, each once", () => {
    const log =
      " Tasks:    3 successful, 6 total\nCached:    0 cached, 6 total\nFailed:    @blue/store-core#lint, @blue/store-sqlite#typecheck\n";
    const lines = summarize(log, 1);
    expect(closing(lines)).toBe("0 passed, 2 failed, 0 skipped");
    expect(lines).toContain("summary: 1 turbo task(s) did not run");
  });

  test("a failed test task is not counted twice when its report holds the failures", () => {
    const reports = join(dir, "reports");
    spawnSync("mkdir", ["-p", reports]);
    const report = {
      runner: "jest",
      package: "@blue/store-core",
      passed: 5,
      failed: 2,
      skipped: 1,
      failedSuites: 1,
      suitesFailedOutsideTests: [],
      totalSuites: 3,
      success: false,
    };
    writeFileSync(join(reports, "jest-core.json"), JSON.stringify(report));
    expect(closing(summarize("Failed:    @blue/store-core#test\n", 1))).toBe("5 passed, 2 failed, 1 skipped");
  });

  test("the Node matrix's runs are counted, with one line per Node version, and its own steps are summed", () => {
    const reports = join(dir, "reports");
    spawnSync("mkdir", ["-p", reports]);
    const base = {
      runner: "jest",
      package: "@blue/store-sqlite",
      skipped: 0,
      failedSuites: 0,
      suitesFailedOutsideTests: [],
      totalSuites: 2,
    };
    writeFileSync(join(reports, "jest-20.json"), JSON.stringify({ ...base, node: "20.19.5", passed: 10, failed: 0, success: true }));
    writeFileSync(
      join(reports, "jest-22.json"),
      JSON.stringify({ ...base, node: "22.23.5", passed: 9, failed: 1, failedSuites: 1, success: false }),
    );
    writeFileSync(join(reports, "jest-24.json"), JSON.stringify({ ...base, node: "24.22.3", passed: 10, failed: 0, success: true }));
    const lines = summarize("node-matrix: 4 passed, 1 failed\n", 1);
    expect(closing(lines)).toBe("33 passed, 2 failed, 0 skipped");
    expect(lines).toContain("summary: jest on Node 20.19.5: 10 passed, 0 failed, 0 skipped");
    expect(lines).toContain("summary: jest on Node 22.23.5: 9 passed, 1 failed, 0 skipped");
    expect(lines).toContain("summary: jest on Node 24.22.3: 10 passed, 0 failed, 0 skipped");
  });

  test("the project's own checks are summed, and a non-zero exit they do not explain still fails", () => {
    const log = "pack-check: 5 passed, 0 failed\nlint-packages: 9 passed, 1 failed: core\n";
    expect(closing(summarize(log, 1))).toBe("14 passed, 1 failed, 0 skipped");
    expect(closing(summarize("pack-check: 5 passed, 0 failed\n", 3))).toBe("5 passed, 1 failed, 0 skipped");
  });

  test("replayed cache logs are not counted, and a run in which no test ran is a failure", () => {
    const log = "@blue/store-core:test: cache hit, replaying logs 0123abcd\n@blue/store-core:test: Tests:       268 passed, 268 total\n";
    const lines = summarize(log, 0);
    expect(closing(lines)).toBe("0 passed, 1 failed, 0 skipped");
    expect(lines).toContain("summary: test results replayed from turbo's cache, not counted: @blue/store-core");
  });
});
