import type { Capabilities, StorageBackend } from "../types/stores";
import { ConformanceAssertionError, formatFailure } from "./assert";
import { createTestClock } from "./clock";
import { programmaticHint, type ReproduceHint } from "./reproduce";
import { caseSeed, createRng } from "./rng";
import { fromLegacyHarness, NO_REOPEN } from "./legacy";
import { startWorker } from "./processes/spawn";
import type { KitProcess } from "./processes/types";
import type { AnyConformanceHarness, CaseContext, CaseResult, ConformanceCase, ConformanceHarness, Requirement } from "./types";

const DEFAULT_TIMEOUT_MS = 30_000;
/** How long `eventually()` keeps retrying before it gives up. */
export const EVENTUALLY_TIMEOUT_MS = 10_000;

/** Why a case cannot run against these capabilities, or undefined when it can. */
export function unmetRequirement(c: ConformanceCase, harness: AnyConformanceHarness, caps: Capabilities | undefined): string | undefined {
  const h = fromLegacyHarness(harness);
  for (const r of c.requires ?? ([] as Requirement[])) {
    if (r === "worker") {
      if (!h.worker) return "requires worker: the harness declares no worker (it cannot open the backend in another process)";
      continue;
    }
    if (caps && !caps[r]) return `requires ${r}: capabilities.${r} is false`;
    if (h[NO_REOPEN]) return `requires ${r}: the harness has no reopen()`;
  }
  return undefined;
}

/** A random run seed (printed in every report, so any run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

/** 6 characters of [a-z0-9]: time and randomness, so parallel runs (jest workers) do not collide. */
function runTag(): string {
  const random = Math.floor(Math.random() * 36 ** 3)
    .toString(36)
    .padStart(3, "0");
  return (Date.now() % 36 ** 3).toString(36).padStart(3, "0") + random;
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConformanceAssertionError(`${what}: did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One run of the kit against one harness: it names namespaces, derives seeds, runs cases in
 * isolation and maps expected failures. `runConformance` and the test-runner adapters share it.
 */
export class ConformanceSession {
  readonly seed: number;
  private readonly tag = runTag();
  private counter = 0;

  /** The harness in the current shape (a legacy one adapted by `fromLegacyHarness`). */
  readonly harness: ConformanceHarness;

  constructor(
    harness: AnyConformanceHarness,
    private readonly options: { seed?: number; timeoutMs?: number; reproduce?: ReproduceHint } = {},
  ) {
    this.harness = fromLegacyHarness(harness);
    this.seed = options.seed ?? randomSeed();
    this.timeoutMs = options.timeoutMs;
  }

  private readonly timeoutMs: number | undefined;

  async setup(): Promise<void> {
    await this.harness.setup?.();
  }

  async teardown(): Promise<void> {
    await this.harness.teardown?.();
  }

  /** The time limit of one case (the adapters give the runner a little more). */
  timeoutOf(c: ConformanceCase): number {
    return this.timeoutMs ?? c.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Runs one case in a fresh backend and returns its result (never throws). */
  async runCase(c: ConformanceCase): Promise<CaseResult> {
    const started = Date.now();
    const result = await this.execute(c);
    result.durationMs = Date.now() - started;
    const expected = this.harness.expectedFailures?.[c.id];
    if (expected === undefined || result.status === "skipped") return result;
    if (result.status === "failed") return { ...result, status: "xfail", reason: expected };
    return {
      ...result,
      status: "failed",
      error: `expected to fail (${expected}) but passed: remove "${c.id}" from expectedFailures`,
    };
  }

  private async execute(c: ConformanceCase): Promise<CaseResult> {
    const base = { id: c.id, title: c.title, durationMs: 0 };
    const staticReason = unmetRequirement(c, this.harness, this.harness.capabilities);
    if (staticReason) return { ...base, status: "skipped", reason: staticReason };

    const seed = caseSeed(this.seed, c.id);
    const namespace = `k${this.tag}-${(++this.counter).toString(36)}`;
    const clock = createTestClock();
    const opened: Array<{ namespace: string; backend: StorageBackend }> = [];
    const notes: string[] = [];
    const reproduce = `seed ${this.seed} (case seed ${seed}); reproduce with ${(this.options.reproduce ?? programmaticHint)({ seed: this.seed, caseId: c.id })}`;

    const processes: KitProcess[] = [];
    const harness = this.harness;
    const open = async (ns: string, fresh: boolean) => {
      const b = await harness.open({ namespace: ns, clock, fresh });
      opened.push({ namespace: ns, backend: b });
      return b;
    };

    let backend: StorageBackend;
    try {
      backend = await open(namespace, true);
    } catch (e) {
      return { ...base, status: "failed", error: `harness.open failed: ${formatFailure(e)}\n${reproduce}` };
    }
    const caps = backend.capabilities;
    const eventual = caps?.listConsistency === "eventual";
    let freshCount = 0;

    const ctx: CaseContext = {
      backend,
      clock,
      rng: createRng(seed),
      seed,
      namespace,
      capabilities: caps,
      declaredCapabilities: this.harness.capabilities,
      async reopen() {
        await ctx.backend.close();
        ctx.backend = await open(namespace, false);
        return ctx.backend;
      },
      async openSecond() {
        return open(namespace, false);
      },
      async startProcess() {
        if (!harness.worker) throw new ConformanceAssertionError("the harness declares no worker");
        const p = await startWorker(harness.worker, namespace, () => clock().getTime());
        processes.push(p);
        return p;
      },
      async freshBackend() {
        return open(`${namespace}-${(++freshCount).toString(36)}`, true);
      },
      async release(b: StorageBackend) {
        const i = opened.findIndex((o) => o.backend === b && o.namespace !== namespace);
        if (i < 0) throw new ConformanceAssertionError("release(): not a backend from freshBackend()");
        const [entry] = opened.splice(i, 1);
        await b.close();
        await harness.destroy?.({ namespace: entry!.namespace });
      },
      async eventually<T>(check: () => Promise<T>): Promise<T> {
        if (!eventual) return check();
        const deadline = Date.now() + EVENTUALLY_TIMEOUT_MS;
        for (let wait = 5; ; wait = Math.min(wait * 2, 250)) {
          try {
            return await check();
          } catch (e) {
            if (Date.now() + wait > deadline) throw e;
            await new Promise((r) => setTimeout(r, wait));
          }
        }
      },
      note(message: string) {
        notes.push(message);
      },
    };

    let result: CaseResult;
    const runtimeReason = unmetRequirement(c, this.harness, caps);
    if (runtimeReason) {
      result = { ...base, status: "skipped", reason: runtimeReason };
    } else {
      try {
        await withTimeout(c.run(ctx), this.timeoutOf(c), c.id);
        result = { ...base, status: "passed" };
      } catch (e) {
        result = { ...base, status: "failed", error: `${formatFailure(e)}\n${reproduce}` };
      }
    }
    const cleanupError = await this.cleanup(opened, processes);
    if (cleanupError && result.status === "passed") {
      result = { ...base, status: "failed", error: `cleanup failed: ${cleanupError}\n${reproduce}` };
    }
    if (notes.length > 0) result.notes = notes;
    return result;
  }

  /** Kills the case's processes, closes every backend it opened, then destroys each namespace once. */
  private async cleanup(
    opened: Array<{ namespace: string; backend: StorageBackend }>,
    processes: KitProcess[],
  ): Promise<string | undefined> {
    let error: string | undefined;
    for (const p of processes) {
      try {
        await p.kill();
      } catch (e) {
        error ??= `stopping a worker process failed: ${formatFailure(e)}`;
      }
    }
    for (const { backend } of opened) {
      try {
        await backend.close();
      } catch (e) {
        error ??= `close() failed: ${formatFailure(e)}`;
      }
    }
    for (const namespace of new Set(opened.map((o) => o.namespace))) {
      try {
        await this.harness.destroy?.({ namespace });
      } catch (e) {
        error ??= `harness.destroy failed: ${formatFailure(e)}`;
      }
    }
    return error;
  }
}
