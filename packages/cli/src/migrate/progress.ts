import { SingleBar } from "cli-progress";

/** What the migration reports while it runs; one phase at a time. */
export interface ProgressSink {
  /** A phase ("documents", "dialogues", "links", "verify …") starts with `total` items. */
  start(phase: string, total: number): void;
  /** `n` more items of the current phase are done. */
  advance(n: number): void;
  /** The current phase is over. */
  stop(): void;
}

/** Reports nothing (library use, --json without a terminal). */
export const silentProgress: ProgressSink = { start() {}, advance() {}, stop() {} };

/** Items per second since `startedAt`, rounded. */
function rate(done: number, startedAt: number, now: number): number {
  const seconds = Math.max((now - startedAt) / 1000, 0.001);
  return Math.round(done / seconds);
}

/**
 * Plain lines for logs and pipes: one line about every `every` items and one at the end
 * of each phase, e.g. `documents 300/1000 (30%) 812/s`.
 */
export function lineProgress(write: (line: string) => void, every = 100, now: () => number = Date.now): ProgressSink {
  let phase = "";
  let total = 0;
  let done = 0;
  let lastLine = 0;
  let startedAt = 0;
  const line = () => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    write(`${phase} ${done}/${total} (${pct}%) ${rate(done, startedAt, now())}/s`);
    lastLine = done;
  };
  return {
    start(p, t) {
      phase = p;
      total = t;
      done = 0;
      lastLine = 0;
      startedAt = now();
    },
    advance(n) {
      done += n;
      if (done - lastLine >= every && done < total) line();
    },
    stop() {
      line();
    },
  };
}

/** A cli-progress bar on a terminal: phase, bar, counts, rate and ETA. */
export function barProgress(stream: NodeJS.WritableStream): ProgressSink {
  let bar: SingleBar | undefined;
  let startedAt = 0;
  let done = 0;
  return {
    start(phase, total) {
      startedAt = Date.now();
      done = 0;
      bar = new SingleBar({
        format: `${phase.padEnd(20)} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 30,
      });
      bar.start(total, 0, { rate: 0 });
    },
    advance(n) {
      done += n;
      bar?.update(done, { rate: rate(done, startedAt, Date.now()) });
    },
    stop() {
      bar?.update(done, { rate: rate(done, startedAt, Date.now()) });
      bar?.stop();
      bar = undefined;
    },
  };
}
