import type { JsonValue } from "../../types/json";

/**
 * One operation a worker runs on its backend: `call` names the part and method
 * (`"dialogues.registerTension"`, `"documents.addDocument"`, `"links.addLink"`, or
 * `"store:<name>.put"` for the kit's generic store `<name>`, keyed by the items' `pk`/`sk`).
 * An argument `{ $result: i }` is replaced by the value step `i` of the same run returned.
 */
export interface Step {
  call: string;
  args: JsonValue[];
}

/** What one step did: its value, or the StoreError it failed with (any other error has code "RAW"). */
export type Outcome = { ok: true; value: JsonValue } | { ok: false; code: string; message: string; details?: JsonValue };

export interface RunOptions {
  /** Called as each step's outcome arrives (the worker acknowledges every step before the next). */
  onAck?(index: number, outcome: Outcome): void;
  /** The worker stops after this step and waits (to be killed or closed). */
  pauseAfter?: number;
}

/** A process running the kit's worker over a case's data. */
export interface KitProcess {
  readonly pid: number;
  /**
   * Runs the steps one after another (a failing step does not stop the run). Resolves with
   * every outcome when the last step is done, or with the outcomes so far at `pauseAfter`.
   */
  run(steps: Step[], options?: RunOptions): Promise<Outcome[]>;
  /** SIGKILL; resolves once the process has exited. */
  kill(): Promise<void>;
  /** Closes the worker's backend and waits for the process to exit. */
  close(): Promise<void>;
}

/** The kit's messages to the worker. */
export type ToWorker =
  | { type: "open"; module: string; export: string; options: Record<string, JsonValue | undefined>; now: number }
  | { type: "run"; run: number; steps: Step[]; pauseAfter?: number; now: number }
  | { type: "close" };

/** The worker's messages to the kit. */
export type FromWorker =
  | { type: "ready" }
  | { type: "ack"; run: number; index: number; outcome: Outcome }
  | { type: "done"; run: number }
  | { type: "closed" }
  | { type: "error"; message: string };
