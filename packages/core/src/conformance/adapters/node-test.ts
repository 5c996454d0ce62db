/** Registers the conformance cases as `node:test` tests (one test per case). */
import { after, before, describe, test } from "node:test";
import type { AnyConformanceHarness, ConformanceHarness, LegacyConformanceHarness } from "../types";
import { runnerHint } from "../reproduce";
import { registerConformance, type DescribeConformanceOptions } from "./register";

export type { DescribeConformanceOptions } from "./register";
export type {
  AnyConformanceHarness,
  ConformanceHarness,
  HarnessWorker,
  LegacyConformanceHarness,
  OpenRequest,
  WorkerOpenRequest,
} from "../types";

/** Describes the conformance suite for `harness` under `node --test`. */
export function describeConformance(harness: ConformanceHarness, options?: DescribeConformanceOptions): void;
/** @deprecated The legacy harness shape (`create`/`reopen`); see `LegacyConformanceHarness`. */
export function describeConformance(harness: LegacyConformanceHarness, options?: DescribeConformanceOptions): void;
export function describeConformance(harness: AnyConformanceHarness, options: DescribeConformanceOptions = {}): void {
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
    reproduce: runnerHint("node-test", () => process.argv[1]),
  });
}
