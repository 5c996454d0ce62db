/** Registers the conformance cases as `node:test` tests (one test per case). */
import { createRequire } from "node:module";
import type { ConformanceHarness } from "../types";
import { registerConformance, type DescribeConformanceOptions } from "./register";

export type { DescribeConformanceOptions } from "./register";
export type { ConformanceHarness } from "../types";

/**
 * Loads `node:test` through a computed specifier: the build strips the `node:` prefix from
 * literal imports, and `test` (unlike `fs`) exists only as `node:test`.
 */
function loadNodeTest(): typeof import("node:test") {
  const specifier = ["node", "test"].join(":");
  const require = createRequire(typeof __filename === "string" ? __filename : import.meta.url);
  return require(specifier) as typeof import("node:test");
}

/** Describes the conformance suite for `harness` under `node --test`. */
export function describeConformance(harness: ConformanceHarness, options: DescribeConformanceOptions = {}): void {
  const { after, before, describe, test } = loadNodeTest();
  registerConformance(harness, options, {
    describe: (name, body) => {
      void describe(name, body);
    },
    test: (name, body, timeout) => {
      void test(name, { timeout }, (t) => body((reason) => t.skip(reason)));
    },
    skip: (name) => {
      void test(name, { skip: true }, () => undefined);
    },
    beforeAll: (body, timeout) => before(body, { timeout }),
    afterAll: (body, timeout) => after(body, { timeout }),
    canSkipAtRunTime: true,
  });
}
