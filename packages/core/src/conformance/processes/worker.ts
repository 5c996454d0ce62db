/**
 * The kit's worker process (`@blue/store-core/conformance/worker`), started by the kit with
 * `child_process.fork`. It imports the harness's worker module, opens the backend over the
 * case's namespace and runs the kit's steps on it, acknowledging each over IPC before the next.
 * It exits when the kit closes it or the IPC channel goes away (the kit died).
 */
import type { StorageBackend } from "../../types/stores";
import { runStep } from "./dispatch";
import type { FromWorker, Outcome, Step, ToWorker } from "./types";

let now = 0;
let backend: StorageBackend | undefined;

function send(message: FromWorker): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function run(runId: number, steps: Step[], pauseAfter: number | undefined): Promise<void> {
  const results: Outcome[] = [];
  for (const [index, step] of steps.entries()) {
    const outcome = await runStep(backend!, step, results);
    results.push(outcome);
    await send({ type: "ack", run: runId, index, outcome });
    if (index === pauseAfter) return;
  }
  await send({ type: "done", run: runId });
}

async function open(message: Extract<ToWorker, { type: "open" }>): Promise<void> {
  const mod = (await import(message.module)) as Record<string, unknown>;
  const opener = (mod[message.export] ?? (mod.default as Record<string, unknown> | undefined)?.[message.export]) as unknown;
  if (typeof opener !== "function") throw new Error(`${message.module} has no function export "${message.export}"`);
  backend = (await opener({ ...message.options, clock: () => new Date(now) })) as StorageBackend;
}

async function handle(message: ToWorker): Promise<void> {
  if ("now" in message) now = message.now;
  try {
    if (message.type === "open") {
      await open(message);
      await send({ type: "ready" });
    } else if (message.type === "run") {
      await run(message.run, message.steps, message.pauseAfter);
    } else {
      await backend?.close();
      await send({ type: "closed" });
      process.exit(0);
    }
  } catch (e) {
    await send({ type: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    process.exit(1);
  }
}

process.on("message", (m) => void handle(m as ToWorker));
process.on("disconnect", () => process.exit(0));
