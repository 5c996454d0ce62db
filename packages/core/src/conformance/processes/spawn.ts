import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ConformanceAssertionError } from "../assert";
import type { HarnessWorker } from "../types";
import type { FromWorker, KitProcess, Outcome, RunOptions, Step, ToWorker } from "./types";

/** How long a worker may take to start and open its backend (node start-up, driver import) on a loaded machine. */
export const WORKER_START_MS = 30_000;
/** How long one step, a close or an exit after SIGKILL may take. */
export const WORKER_STEP_MS = 20_000;

/** The worker script shipped in core's dist (`@blue/store-core/conformance/worker`). */
export function workerScript(): string {
  return createRequire(__filename).resolve("@blue/store-core/conformance/worker");
}

/** `worker.module` as a URL the worker can import: absolute paths and file URLs as given, specifiers from the working directory. */
export function workerModuleUrl(spec: string): string {
  if (spec.startsWith("file:")) return spec;
  if (isAbsolute(spec)) return pathToFileURL(spec).href;
  return pathToFileURL(createRequire(join(process.cwd(), "index.js")).resolve(spec)).href;
}

/** Rejects after `ms` with a message naming what did not happen. */
function within<T>(work: Promise<T>, ms: number, what: string, output: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ConformanceAssertionError(`worker process: ${what} did not happen within ${ms} ms${output()}`)),
      ms,
    );
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Starts the kit's worker, opens the harness's backend over `namespace` in it, and resolves once it is ready. */
export async function startWorker(worker: HarnessWorker, namespace: string, now: () => number): Promise<KitProcess> {
  const child: ChildProcess = fork(workerScript(), [], { stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "json" });
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < 4000) output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const tail = () => (output.trim() ? `\n  worker output: ${output.trim().slice(0, 2000)}` : "");
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const listeners = new Set<(m: FromWorker) => void>();
  child.on("message", (m) => {
    for (const l of [...listeners]) l(m as FromWorker);
  });
  const send = (m: ToWorker) => {
    if (child.connected) child.send(m);
  };
  /** Waits for a message matching `pick`; an `error` message or an exit rejects. */
  const waitFor = <T>(pick: (m: FromWorker) => T | undefined, ms: number, what: string): Promise<T> =>
    within(
      new Promise<T>((resolve, reject) => {
        const l = (m: FromWorker) => {
          if (m.type === "error") return done(() => reject(new ConformanceAssertionError(`worker process failed: ${m.message}`)));
          const v = pick(m);
          if (v !== undefined) done(() => resolve(v));
        };
        const onExit = (code: number | null, signal: string | null) =>
          done(() => reject(new ConformanceAssertionError(`worker process exited (${signal ?? code}) before ${what}${tail()}`)));
        const done = (f: () => void) => {
          listeners.delete(l);
          child.off("exit", onExit);
          f();
        };
        listeners.add(l);
        child.once("exit", onExit);
      }),
      ms,
      what,
      tail,
    );

  const ready = waitFor((m) => (m.type === "ready" ? true : undefined), WORKER_START_MS, "opening the backend");
  send({
    type: "open",
    module: workerModuleUrl(worker.module),
    export: worker.export ?? "open",
    options: { ...(worker.options ?? {}), namespace },
    now: now(),
  });
  try {
    await ready;
  } catch (e) {
    child.kill("SIGKILL");
    await exited;
    throw e;
  }

  let runs = 0;
  let gone = false;
  const kill = async () => {
    if (!gone && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    gone = true;
    await within(exited, WORKER_STEP_MS, "exiting after SIGKILL", tail);
  };
  return {
    pid: child.pid ?? -1,
    async run(steps: Step[], options: RunOptions = {}): Promise<Outcome[]> {
      const id = ++runs;
      const outcomes: Outcome[] = [];
      const last = Math.min(options.pauseAfter ?? steps.length - 1, steps.length - 1);
      if (steps.length === 0) return outcomes;
      // One listener for the whole run: several acks may arrive in one IPC chunk.
      const finished = new Promise<Outcome[]>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const end = (f: () => void) => {
          clearTimeout(timer);
          listeners.delete(onMessage);
          child.off("exit", onExit);
          f();
        };
        const arm = () => {
          clearTimeout(timer);
          const what = `the acknowledgement of step ${outcomes.length} (${steps[outcomes.length]?.call})`;
          timer = setTimeout(
            () =>
              end(() =>
                reject(new ConformanceAssertionError(`worker process: ${what} did not arrive within ${WORKER_STEP_MS} ms${tail()}`)),
              ),
            WORKER_STEP_MS,
          );
        };
        const onMessage = (m: FromWorker) => {
          if (m.type === "error") return end(() => reject(new ConformanceAssertionError(`worker process failed: ${m.message}`)));
          if (m.type !== "ack" || m.run !== id) return;
          outcomes[m.index] = m.outcome;
          options.onAck?.(m.index, m.outcome);
          if (m.index >= last || gone) end(() => resolve(outcomes));
          else arm();
        };
        // Killed by the kit (gone): the outcomes so far; any other exit is a failure.
        const onExit = (code: number | null, signal: string | null) =>
          end(() =>
            gone
              ? resolve(outcomes)
              : reject(
                  new ConformanceAssertionError(`worker process exited (${signal ?? code}) during a run of ${steps.length} steps${tail()}`),
                ),
          );
        listeners.add(onMessage);
        child.once("exit", onExit);
        arm();
      });
      send({ type: "run", run: id, steps, ...(options.pauseAfter !== undefined ? { pauseAfter: options.pauseAfter } : {}), now: now() });
      return finished;
    },
    kill,
    async close() {
      if (gone) return;
      const closed = waitFor((m) => (m.type === "closed" ? true : undefined), WORKER_STEP_MS, "closing the backend");
      send({ type: "close" });
      gone = true;
      await closed.catch(async (e) => {
        child.kill("SIGKILL");
        throw e;
      });
      await within(exited, WORKER_STEP_MS, "exiting after close", tail);
    },
  };
}
