import type { Capabilities, StorageBackend } from "../types/stores";
import type { TestClock } from "./clock";
import type { ReproduceHint } from "./reproduce";
import type { Rng } from "./rng";

/** What a case may need beyond the contract's baseline; absent means the case is skipped. */
export type Requirement = "persistent" | "multiProcess";

/**
 * Connects the kit to a backend. `create` must return a fresh, isolated backend for the
 * namespace (`[a-z0-9-]`, at most 24 characters: usable as a table prefix or file name).
 */
export interface ConformanceHarness {
  name: string;
  create(ctx: { namespace: string; clock: () => Date }): Promise<StorageBackend>;
  /** Removes what `create` made (files, tables). Called once per namespace after each case, after the kit closed every backend of that case. */
  destroy?(backend: StorageBackend): Promise<void>;
  /**
   * Opens another backend over the same data as `backend` (same namespace, same clock).
   * Durability cases close `backend` first; multi-process cases keep both open.
   */
  reopen?(backend: StorageBackend): Promise<StorageBackend>;
  /** Once before the first case. */
  setup?(): Promise<void>;
  /** Once after the last case, even when cases failed. */
  teardown?(): Promise<void>;
  /** Case id -> reason. Such a case is reported as xfail; if it passes, it fails the run. */
  expectedFailures?: Record<string, string>;
  /**
   * The backend's capabilities, declared up front so test-runner adapters can skip cases at
   * registration. Optional: the kit always checks them against `backend.capabilities`.
   */
  capabilities?: Capabilities;
}

/** Everything a case gets: a fresh backend, the controllable clock, a seeded RNG. */
export interface CaseContext {
  /** The backend under test (replaced by `reopen()`). */
  backend: StorageBackend;
  readonly clock: TestClock;
  readonly rng: Rng;
  /** The seed of this case's RNG (printed on failure). */
  readonly seed: number;
  readonly namespace: string;
  readonly capabilities: Capabilities;
  /** What the harness declared up front (`harness.capabilities`), if it did. */
  readonly declaredCapabilities: Capabilities | undefined;
  /** Closes the backend, opens it again through `harness.reopen`, and makes it `backend`. */
  reopen(): Promise<StorageBackend>;
  /** A second backend over the same data while the first stays open (multi-process cases). */
  openSecond(): Promise<StorageBackend>;
  /** Another fresh, empty, isolated backend (import fidelity); destroyed after the case. */
  freshBackend(): Promise<StorageBackend>;
  /** Closes and destroys a backend from `freshBackend()` now rather than after the case. */
  release(backend: StorageBackend): Promise<void>;
  /** Retries `check` until it stops throwing, when list consistency is eventual; once otherwise. */
  eventually<T>(check: () => Promise<T>): Promise<T>;
  /** A note attached to the case's result. */
  note(message: string): void;
}

/** One conformance case with a stable dotted id such as `dialogues.updateTensionStatus.atomic`. */
export interface ConformanceCase {
  id: string;
  title: string;
  tags: string[];
  requires?: Requirement[];
  /** Per-case time limit (default 30 s). */
  timeoutMs?: number;
  run(ctx: CaseContext): Promise<void>;
}

export type CaseStatus = "passed" | "failed" | "skipped" | "xfail";

export interface CaseResult {
  id: string;
  title: string;
  status: CaseStatus;
  /** Why the case was skipped, or why it is an expected failure. */
  reason?: string;
  /** The failure, with the seed that reproduces it. */
  error?: string;
  durationMs: number;
  notes?: string[];
}

export interface ConformanceReport {
  harness: string;
  seed: number;
  passed: number;
  failed: number;
  skipped: number;
  xfail: number;
  durationMs: number;
  results: CaseResult[];
}

export interface RunOptions {
  /** Only cases whose id contains this string, or matches this RegExp. */
  filter?: string | RegExp;
  /** The run's seed; every case derives its own from it and its id. Default: random (printed). */
  seed?: number;
  /** Per-case time limit override, in ms. */
  timeoutMs?: number;
  /** Called after each case (progress reporting). */
  onResult?(result: CaseResult): void;
  /** The cases to run (default `conformanceCases()`). */
  cases?: ConformanceCase[];
  /** How a failure says to repeat its case (default: this `runConformance` call; the adapters give their runner's command). */
  reproduce?: ReproduceHint;
}
