"use strict";
// A jest reporter that writes the run's counts as JSON into $BLUE_TEST_REPORT_DIR (when set), so
// CI's closing line is summed from machine-readable reports rather than from jest's text. It
// records failed tests *and* suites that failed without a failed test (a file that throws at
// import, a failed global setup), which jest's "Tests:" line does not show as failures.
const fs = require("node:fs");
const path = require("node:path");

class BlueReport {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.BLUE_TEST_REPORT_DIR;
    if (!dir) return;
    let name = path.basename(this.rootDir);
    try {
      name = JSON.parse(fs.readFileSync(path.join(this.rootDir, "package.json"), "utf8")).name ?? name;
    } catch {
      // a root without package.json keeps its folder name
    }
    const suitesWithoutFailedTest = results.testResults.filter((r) => r.testExecError || (r.numFailingTests === 0 && r.failureMessage));
    const report = {
      runner: "jest",
      package: name,
      // The Node version jest ran on (the Node matrix runs the suites on several).
      node: process.versions.node,
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      failedSuites: results.numFailedTestSuites,
      suitesFailedOutsideTests: suitesWithoutFailedTest.map((r) => path.relative(this.rootDir, r.testFilePath)),
      totalSuites: results.numTotalTestSuites,
      // AggregatedResult.success is only set after the reporters ran: derive it from the counts.
      success:
        results.numFailedTests === 0 &&
        results.numFailedTestSuites === 0 &&
        results.numRuntimeErrorTestSuites === 0 &&
        !results.wasInterrupted,
    };
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `jest-${name.replace(/[^\w.-]+/g, "_")}-${process.pid}-${Date.now()}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  }
}

module.exports = BlueReport;
