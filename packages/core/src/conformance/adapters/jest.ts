/**
 * Registers the conformance cases as jest tests (one test per case) with jest's globals.
 * No dependency on jest: it uses the `describe`/`test`/`beforeAll`/`afterAll` jest provides.
 */
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

type Fn = (...args: unknown[]) => unknown;
interface JestGlobals {
  describe: (name: string, body: () => void) => void;
  test: Fn & { skip: (name: string, body: () => void) => void };
  beforeAll: Fn;
  afterAll: Fn;
}

/** Describes the conformance suite for `harness` under jest. */
export function describeConformance(harness: ConformanceHarness, options?: DescribeConformanceOptions): void;
/** @deprecated The legacy harness shape (`create`/`reopen`); see `LegacyConformanceHarness`. */
export function describeConformance(harness: LegacyConformanceHarness, options?: DescribeConformanceOptions): void;
export function describeConformance(harness: AnyConformanceHarness, options: DescribeConformanceOptions = {}): void {
  const g = globalThis as unknown as Partial<JestGlobals>;
  if (typeof g.describe !== "function" || typeof g.test !== "function" || !g.beforeAll || !g.afterAll) {
    throw new Error("describeConformance (jest) must be called inside a jest test file");
  }
  const jest = g as JestGlobals;
  registerConformance(harness, options, {
    describe: (name, body) => jest.describe(name, body),
    test: (name, body, timeout) => jest.test(name, () => body(() => undefined), timeout),
    skip: (name) => jest.test.skip(name, () => undefined),
    beforeAll: (body, timeout) => jest.beforeAll(body, timeout),
    afterAll: (body, timeout) => jest.afterAll(body, timeout),
    canSkipAtRunTime: false,
    reproduce: runnerHint(
      "jest",
      () => (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect?.getState?.().testPath,
    ),
  });
}
