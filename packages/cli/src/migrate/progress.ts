import { SingleBar } from "cli-progress";

/** What a long command reports while it runs; one phase at a time. */
export interface ProgressSink {
  /** A phase ("documents", "dialogues", "links", "items", "verify …") starts with `total` items (0: not known). */
  start(phase: string, total: number): void;
  /** `n` more items of the current phase are done; `skipped` when they needed no work (already identical). */
  advance(n: number, skipped?: boolean): void;
  /** The current phase is over. */
  stop(): void;
}

/** Reports nothing (library use, --json without a terminal). */
export const silentProgress: ProgressSink = { start() {}, advance() {}, stop() {} };

/**
 * Counts of one phase and the rate of the work done: items that needed work, per second since
 * the first of them. Skipped items are counted apart (they are not throughput), and the ETA is
 * the remaining items over that rate.
 */
export class PhaseMeter {
  done = 0;
  skipped = 0;
  private worked = 0;
  private workStartedAt: number | undefined;

  constructor(
    readonly total: number,
    private readonly now: () => number,
  ) {}

  advance(n: number, skipped: boolean): void {
    this.done += n;
    if (skipped) this.skipped += n;
    else {
      this.workStartedAt ??= this.now();
      this.worked += n;
    }
  }

  /** Items per second of work done (0 before any). */
  rate(): number {
    if (this.workStartedAt === undefined || this.worked === 0) return 0;
    return this.worked / Math.max((this.now() - this.workStartedAt) / 1000, 0.001);
  }

  /** Seconds left at the current rate, or undefined when unknown. */
  etaSeconds(): number | undefined {
    const rate = this.rate();
    if (this.total === 0 || rate === 0) return this.done >= this.total && this.total > 0 ? 0 : undefined;
    return Math.max(0, this.total - this.done) / rate;
  }
}

/** "42s", "3m05s", "1h02m", or "?" when unknown. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * Plain lines for logs and pipes: one line about every `every` items and one at the end
 * of each phase, e.g. `documents 300/1000 (30%) (120 already there) 812/s ETA 1s`.
 */
export function lineProgress(write: (line: string) => void, every = 100, now: () => number = Date.now): ProgressSink {
  let phase = "";
  let meter = new PhaseMeter(0, now);
  let lastLine = 0;
  const line = () => {
    const m = meter;
    const counts = m.total === 0 ? `${m.done}` : `${m.done}/${m.total} (${Math.floor((Math.min(m.done, m.total) / m.total) * 100)}%)`;
    const skipped = m.skipped > 0 ? ` (${m.skipped} already there)` : "";
    const eta = m.total === 0 ? "" : ` ETA ${formatEta(m.etaSeconds())}`;
    write(`${phase} ${counts}${skipped} ${Math.round(m.rate())}/s${eta}`);
    lastLine = m.done;
  };
  return {
    start(p, t) {
      phase = p;
      meter = new PhaseMeter(t, now);
      lastLine = 0;
    },
    advance(n, skipped = false) {
      meter.advance(n, skipped);
      if (meter.done - lastLine >= every && (meter.total === 0 || meter.done < meter.total)) line();
    },
    stop() {
      line();
    },
  };
}

/** A cli-progress bar on a terminal: phase, bar, counts, skipped, rate of the work done and ETA. */
export function barProgress(stream: NodeJS.WritableStream, now: () => number = Date.now): ProgressSink {
  let bar: SingleBar | undefined;
  let meter = new PhaseMeter(0, now);
  const payload = () => ({
    rate: Math.round(meter.rate()),
    skipped: meter.skipped > 0 ? ` (${meter.skipped} already there)` : "",
    eta: formatEta(meter.etaSeconds()),
  });
  return {
    start(phase, total) {
      meter = new PhaseMeter(total, now);
      bar = new SingleBar({
        format: `${phase.padEnd(20)} [{bar}] {value}/{total}{skipped} | {rate}/s | ETA {eta}`,
        stream,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 30,
      });
      bar.start(Math.max(total, 0), 0, payload());
    },
    advance(n, skipped = false) {
      meter.advance(n, skipped);
      if (meter.total === 0) bar?.setTotal(meter.done);
      bar?.update(meter.done, payload());
    },
    stop() {
      bar?.update(meter.done, payload());
      bar?.stop();
      bar = undefined;
    },
  };
}
