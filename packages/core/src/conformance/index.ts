/**
 * The Blue Store conformance kit: runner-independent cases that check a `StorageBackend`
 * against the contract, a runner (`runConformance`) and a plain-text reporter. Adapters for
 * jest, vitest and node:test are at `@blue/store-core/conformance/{jest,vitest,node-test}`.
 */
export type {
  AnyConformanceHarness,
  CaseContext,
  CaseResult,
  CaseStatus,
  ConformanceCase,
  ConformanceHarness,
  ConformanceReport,
  HarnessWorker,
  LegacyConformanceHarness,
  OpenRequest,
  Requirement,
  RunOptions,
  WorkerOpenRequest,
} from "./types";
export type { KitProcess, Outcome, Step } from "./processes/types";
export { fromLegacyHarness } from "./legacy";
export { conformanceCases } from "./cases";
export { runConformance, formatReport, selectCases } from "./runner";
export { ConformanceSession, unmetRequirement, EVENTUALLY_TIMEOUT_MS } from "./session";
export { createTestClock, KIT_EPOCH, type TestClock } from "./clock";
export { createRng, caseSeed, type Rng } from "./rng";
export { casePattern, programmaticHint, runnerHint, type ReproduceHint, type TestRunner } from "./reproduce";
export {
  ConformanceAssertionError,
  check,
  checkEqual,
  differences,
  expectOk,
  expectStoreError,
  failCase,
  formatFailure,
} from "./assert";
