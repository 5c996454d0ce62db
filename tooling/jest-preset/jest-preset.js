// Shared jest preset. TypeScript test files are transformed by @swc/jest (fast, no type
// checking: `pnpm typecheck` runs tsc separately). Workspace packages are resolved through
// their `exports` "require" condition, i.e. against their fresh `dist/` builds.
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.(t|j)sx?$": [
      require.resolve("@swc/jest"),
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "commonjs" },
      },
    ],
  },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  testTimeout: 30000,
  // The default reporter, plus JSON counts for CI's closing line (written only when
  // BLUE_TEST_REPORT_DIR is set; see .ci/summary.mjs).
  reporters: ["default", require.resolve("./report.js")],
};
