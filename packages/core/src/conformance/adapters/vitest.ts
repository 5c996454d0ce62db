/** Registers the conformance cases as vitest tests (one test per case). vitest is an optional peer. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runnerHint } from "../reproduce";
import type { AnyConformanceHarness, ConformanceHarness, LegacyConformanceHarness } from "../types";
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

/** Describes the conformance suite for `harness` under vitest. */
export function describeConformance(harness: ConformanceHarness, options?: DescribeConformanceOptions): void;
/** @deprecated The legacy harness shape (`create`/`reopen`); see `LegacyConformanceHarness`. */
export function describeConformance(harness: LegacyConformanceHarness, options?: DescribeConformanceOptions): void;
export function describeConformance(harness: AnyConformanceHarness, options: DescribeConformanceOptions = {}): void {
  registerConformance(harness, options, {
    describe: (name, body) => describe(name, body),
    test: (name, body, timeout) => test(name, (ctx) => body((reason) => ctx.skip(reason)), timeout),
    skip: (name) => test.skip(name, () => undefined),
    beforeAll: (body, timeout) => beforeAll(body, timeout),
    afterAll: (body, timeout) => afterAll(body, timeout),
    canSkipAtRunTime: true,
    reproduce: runnerHint("vitest", () => (expect as { getState?: () => { testPath?: string } } | undefined)?.getState?.().testPath),
  });
}
