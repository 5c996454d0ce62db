import type { JsonObject } from "../types/json";
import type { Capabilities, StorageBackend } from "../types/stores";
import type { KitProcess } from "./processes/types";
import type { TestClock } from "./clock";
import type { ReproduceHint } from "./reproduce";
import type { Rng } from "./rng";

/**
 * What a case may need beyond the contract's baseline; absent means the case is skipped.
 * `worker`: the harness declares `worker`, so the kit can open the backend in other processes.
 */
export type Requirement = "persistent" | "multiProcess" | "worker";

/** What the kit asks of `harness.open`. */
export interface OpenRequest {
  /** `[a-z0-9-]`, at most 24 characters: usable as a table prefix or file name. */
  namespace: string;
  /** The kit's clock: pass it to the backend (the kit controls time). */
  clock: () => Date;
  /**
   * true: the namespace is new, create it empty (tables, files). false: open the data already
   * there (durability and multi-process cases; only asked when the backend is persistent or
   * multi-process). The kit itself closes a backend before it reopens one.
   */
  fresh: boolean;
}

/**
 * How the kit's worker process opens the backend in another process (`processes.*` and
 * `crash.*` cases). The worker (`@blue/store-core/conformance/worker`, started with
 * `child_process.fork`) imports `module`, calls its export `export` (default `"open"`) with
 * `{ ...options, namespace, clock }` and runs the kit's operations on the backend it resolves.
 * The opener opens existing data (the kit creates the namespace in the test process first).
 */
export interface HarnessWorker {
  /** An absolute path (or file: URL), or a package specifier resolved from the current working directory. */
  module: string;
  /** The opener's export name (default `"open"`): `(options) => Promise<StorageBackend>`. */
  export?: string;
  /** JSON options merged into the opener's argument (a folder, an endpoint, a table prefix base). */
  options?: JsonObject;
}

/** What a worker module's opener receives: the harness's `worker.options` plus these. */
export type WorkerOpenRequest = JsonObject & {
  namespace: string;
  /** The kit's clock as of the last command the worker received. */
  clock: () => Date;
};

/**
 * Connects the kit to a backend. The kit asks for what it needs: `open` a backend over a
 * namespace's data (fresh or existing), `destroy` a namespace; it closes and reopens backends
 * itself and keeps two open at once for multi-process cases, so a harness keeps no state per
 * backend.
 */
export interface ConformanceHarness {
  name: string;
  /** Opens a backend over the namespace's data (see `OpenRequest.fresh`). */
  open(request: OpenRequest): Promise<StorageBackend>;
  /** Removes a namespace (files, tables). Called once per namespace after each case, after the kit closed every backend and process of that case. */
  destroy?(target: { namespace: string }): Promise<void>;
  /** Lets the kit open the backend in other processes (`processes.*`, `crash.*`); without it those cases skip. */
  worker?: HarnessWorker;
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

/**
 * The harness shape before `open` (still accepted everywhere a harness is; see
 * `fromLegacyHarness`). `reopen` got only the backend, so harnesses kept side tables.
 * @deprecated Use `ConformanceHarness` (`open({ namespace, clock, fresh })`, `destroy({ namespace })`).
 */
export interface LegacyConformanceHarness {
  name: string;
  create(ctx: { namespace: string; clock: () => Date }): Promise<StorageBackend>;
  /** Removes what `create` made, given the last backend opened over the namespace. */
  destroy?(backend: StorageBackend): Promise<void>;
  /** Another backend over the same data as `backend` (which the kit may have closed already). */
  reopen?(backend: StorageBackend): Promise<StorageBackend>;
  setup?(): Promise<void>;
  teardown?(): Promise<void>;
  expectedFailures?: Record<string, string>;
  capabilities?: Capabilities;
}

/** Either harness shape. */
export type AnyConformanceHarness = ConformanceHarness | LegacyConformanceHarness;

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
  /** Closes the backend, opens its data again (`harness.open` with `fresh: false`), and makes it `backend`. */
  reopen(): Promise<StorageBackend>;
  /** A second backend over the same data while the first stays open (multi-process cases). */
  openSecond(): Promise<StorageBackend>;
  /**
   * Starts a process running the harness's worker over this case's data (requires `worker`).
   * The kit kills every process a case started before it closes and destroys the namespace.
   */
  startProcess(): Promise<KitProcess>;
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
