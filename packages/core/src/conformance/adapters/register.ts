import type { Capabilities } from "../../types/stores";
import { conformanceCases } from "../cases";
import { selectCases } from "../runner";
import { ConformanceSession, unmetRequirement } from "../session";
import type { ReproduceHint } from "../reproduce";
import type { AnyConformanceHarness, CaseResult, ConformanceCase } from "../types";

/** Options of every `describeConformance` adapter. */
export interface DescribeConformanceOptions {
  /** Only cases whose id contains this string, or matches this RegExp. */
  filter?: string | RegExp;
  /** The run's seed. Default: `BLUE_CONFORMANCE_SEED` from the environment, else random. */
  seed?: number;
  /**
   * Runs the whole kit once per seed (`"random"` draws one), each in its own describe block:
   * a fixed seed set makes a green run reproducible while a random one keeps exploring.
   * Default: `BLUE_CONFORMANCE_SEEDS` from the environment (comma-separated), else one run with
   * `seed`. Ignored when `seed` is given.
   */
  seeds?: ReadonlyArray<number | "random">;
  /** Per-case time limit override, in ms. */
  timeoutMs?: number;
  /** Capabilities to skip by at registration (default `harness.capabilities`). */
  capabilities?: Capabilities;
  /** The cases to register (default `conformanceCases()`). */
  cases?: ConformanceCase[];
}

/** What an adapter needs from a test runner. */
export interface RunnerApi {
  describe(name: string, body: () => void): void;
  /** Registers a test; `body` may call `skip(reason)` to mark it skipped at run time, where the runner can. */
  test(name: string, body: (skip: (reason: string) => void) => Promise<void>, timeoutMs: number): void;
  skip(name: string): void;
  beforeAll(body: () => Promise<void>, timeoutMs: number): void;
  afterAll(body: () => Promise<void>, timeoutMs: number): void;
  /** Whether `skip(reason)` inside a test works (vitest, node:test); jest cannot skip at run time. */
  canSkipAtRunTime: boolean;
  /** The runner's command to repeat one case, for failure messages (default: `runConformance`). */
  reproduce?: ReproduceHint;
}

function envSeed(): number | undefined {
  const raw = typeof process !== "undefined" ? process.env.BLUE_CONFORMANCE_SEED : undefined;
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`BLUE_CONFORMANCE_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** `BLUE_CONFORMANCE_SEEDS`: comma-separated integers and `random`. */
function envSeeds(): Array<number | "random"> | undefined {
  const raw = typeof process !== "undefined" ? process.env.BLUE_CONFORMANCE_SEEDS : undefined;
  if (raw === undefined || raw.trim() === "") return undefined;
  return raw.split(",").map((part) => {
    const p = part.trim();
    if (p === "random") return "random";
    const n = Number(p);
    if (p === "" || !Number.isInteger(n))
      throw new Error(`BLUE_CONFORMANCE_SEEDS holds ${JSON.stringify(p)}: use integers and "random", comma-separated`);
    return n;
  });
}

/** The seeds to run: an explicit seed wins, then a seed set, then the environment, then one random run. */
function seedsOf(options: DescribeConformanceOptions): Array<number | undefined> {
  if (options.seed !== undefined) return [options.seed];
  const set = options.seeds ?? (envSeed() === undefined ? envSeeds() : undefined);
  if (set && set.length > 0) return set.map((s) => (s === "random" ? undefined : s));
  return [envSeed()];
}

/** An error thrown into the test runner for a failed case. */
function failure(r: CaseResult): Error {
  const e = new Error(`${r.id}: ${r.error ?? "failed"}`);
  e.name = "ConformanceFailure";
  e.stack = `${e.name}: ${e.message}`;
  return e;
}

/** Registers every selected case as one test of the runner, inside one describe block per seed. */
export function registerConformance(harness: AnyConformanceHarness, options: DescribeConformanceOptions, api: RunnerApi): void {
  const seeds = seedsOf(options);
  if (seeds.length === 1) {
    registerRun(harness, options, api, seeds[0]);
    return;
  }
  // Several runs share one harness: its setup and teardown run once, around all of them.
  const { setup, teardown } = harness;
  const shared = { ...harness, setup: undefined, teardown: undefined } as AnyConformanceHarness;
  api.describe(`conformance: ${harness.name} (${seeds.length} seeds)`, () => {
    if (setup) api.beforeAll(() => setup.call(harness), 120_000);
    if (teardown) api.afterAll(() => teardown.call(harness), 120_000);
    for (const [i, seed] of seeds.entries()) registerRun(shared, options, api, seed, i === 0 ? undefined : "in the first seed's run");
  });
}

/**
 * Cases with real processes (`requires: ["worker"]`) are slow and seed only their kill
 * moments: with a seed set they run in the first seed's run only, and are skipped with that
 * reason in the others.
 */
function onceOnly(c: ConformanceCase): boolean {
  return c.requires?.includes("worker") ?? false;
}

function registerRun(
  harness: AnyConformanceHarness,
  options: DescribeConformanceOptions,
  api: RunnerApi,
  seed: number | undefined,
  ranElsewhere?: string,
): void {
  const session = new ConformanceSession(harness, {
    seed,
    timeoutMs: options.timeoutMs,
    ...(api.reproduce ? { reproduce: api.reproduce } : {}),
  });
  const caps = options.capabilities ?? harness.capabilities;
  const cases = selectCases(options.cases ?? conformanceCases(), options.filter);
  api.describe(`conformance: ${harness.name} (seed ${session.seed})`, () => {
    api.beforeAll(() => session.setup(), 120_000);
    api.afterAll(() => session.teardown(), 120_000);
    for (const c of cases) {
      const reason =
        unmetRequirement(c, harness, caps) ??
        (ranElsewhere && onceOnly(c) ? `runs once per harness (real processes), ${ranElsewhere}` : undefined);
      if (reason) {
        api.skip(`${c.id} (skipped: ${reason})`);
        continue;
      }
      api.test(
        c.id,
        async (skip) => {
          const r = await session.runCase(c);
          if (r.status === "failed") throw failure(r);
          if (r.status === "skipped") {
            if (api.canSkipAtRunTime) return skip(r.reason ?? "skipped");
            throw new Error(
              `${c.id}: skipped at run time (${r.reason}); declare harness.capabilities so the adapter can skip it at registration`,
            );
          }
        },
        session.timeoutOf(c) + 5_000,
      );
    }
  });
}
