import type { StorageBackend } from "@blue/store-core";
import { StorageRestorer, emptyTally, type RestoreTally, type StorageRecord } from "@blue/store-core/engine";
import { yieldToEventLoop } from "../migrate/pool";
import type { ProgressSink } from "../migrate/progress";
import { withRetry, DEFAULT_RETRY } from "../migrate/retry";
import { readRecords } from "./reader";

/** What a restore did, and what its verification found. */
export interface RestoreReport {
  tally: RestoreTally;
  verified: number;
  differenceCount: number;
  differences: string[];
}

function describe(r: StorageRecord): string {
  switch (r.kind) {
    case "document":
      return `document ${r.document.id}`;
    case "dialogue":
      return `dialogue ${r.dialogue.id}`;
    case "link":
      return `link ${r.link.from} --${r.link.kind}--> ${r.link.to}`;
    case "item":
      return `item (${JSON.stringify(r.pk).slice(0, 80)}, ${JSON.stringify(r.sk).slice(0, 80)}) of store ${r.store}`;
  }
}

/**
 * Restores a validated backup file into `target`, record by record, comparing before writing
 * (idempotent; a re-run after `kill -9` writes only what is missing or different), then reads
 * every record back from the target and compares it with the file.
 */
export async function restoreBackup(
  target: StorageBackend,
  path: string,
  total: number,
  options: { progress: ProgressSink; onRetry: (message: string) => void; exportedAt: string },
): Promise<RestoreReport> {
  const { progress } = options;
  const tally = emptyTally();
  const restorer = new StorageRestorer(target, { exportedAt: () => options.exportedAt });
  progress.start("restore", total);
  let n = 0;
  for await (const record of readRecords(path)) {
    const outcome = await withRetry(() => restorer.restore(record), describe(record), options.onRetry, DEFAULT_RETRY);
    tally[record.kind][outcome]++;
    progress.advance(1, outcome === "unchanged");
    if (++n % 32 === 0) await yieldToEventLoop();
  }
  progress.stop();

  const report: RestoreReport = { tally, verified: 0, differenceCount: 0, differences: [] };
  const checker = new StorageRestorer(target);
  progress.start("verify", total);
  let checked = 0;
  for await (const record of readRecords(path)) {
    const where = await withRetry(() => checker.difference(record), describe(record), options.onRetry, DEFAULT_RETRY);
    if (where !== undefined) {
      report.differenceCount++;
      if (report.differences.length < 50)
        report.differences.push(`${describe(record)}: ${where === "" ? "missing in the store" : `differs at ${where}`}`);
    } else report.verified++;
    progress.advance(1);
    if (++checked % 32 === 0) await yieldToEventLoop();
  }
  progress.stop();
  return report;
}
