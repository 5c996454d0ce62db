import { defineConfig } from "vitest/config";

// With BLUE_TEST_REPORT_DIR set (CI), vitest also writes its counts as JSON there for the
// closing line of .ci/run (see .ci/summary.mjs).
const reportDir = process.env.BLUE_TEST_REPORT_DIR;

// Only the vitest adapter check runs under vitest; every other test runs under jest.
export default defineConfig({
  test: {
    include: ["test-vitest/**/*.test.ts"],
    testTimeout: 60_000,
    ...(reportDir
      ? { reporters: ["default", "json"], outputFile: { json: `${reportDir}/vitest-core-${process.pid}-${Date.now()}.json` } }
      : {}),
  },
});
