import type { Document, Link, StorageBackend } from "@blue/store-core";
import { compareItemKeys, compareLinksForExport, enumerateItems, type GenericItemRecord } from "@blue/store-core/engine";
import { exportDifference, firstDifference } from "./compare";
import { listDialogueIds } from "./inventory";
import { forEachLimit, yieldToEventLoop } from "./pool";
import { silentProgress, type ProgressSink } from "./progress";

/** What the verification compared, and every difference it found (the first 50 described). */
export interface VerificationReport {
  dialogues: { source: number; target: number };
  documents: { source: number; target: number };
  links: { source: number; target: number };
  items: { source: number; target: number };
  differenceCount: number;
  differences: string[];
}

export interface VerifyOptions {
  concurrency?: number;
  progress?: ProgressSink;
  /** The source's dialogue ids when already known. */
  dialogueIds?: string[];
  /** Expected document and link counts (progress totals only). */
  expected?: { documents: number; links: number };
  /** Listing retries while the target's list lags behind its writes (listConsistency "eventual"). */
  eventualRetries?: number;
}

const MAX_DESCRIBED = 50;

/**
 * Compares two backends completely: dialogue ids on both sides and each dialogue's export
 * (ignoring `exportedAt`), every document and every link in listing order.
 */
export async function verifyMigration(
  source: StorageBackend,
  target: StorageBackend,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const progress = options.progress ?? silentProgress;
  const report: VerificationReport = {
    dialogues: { source: 0, target: 0 },
    documents: { source: 0, target: 0 },
    links: { source: 0, target: 0 },
    items: { source: 0, target: 0 },
    differenceCount: 0,
    differences: [],
  };
  const differ = (text: string) => {
    report.differenceCount++;
    if (report.differences.length < MAX_DESCRIBED) report.differences.push(text);
  };

  const sourceIds = options.dialogueIds ?? (await listDialogueIds(source));
  let targetIds = await listDialogueIds(target);
  for (
    let i = 0;
    i < (options.eventualRetries ?? 10) && target.capabilities.listConsistency === "eventual" && targetIds.length < sourceIds.length;
    i++
  ) {
    await new Promise((r) => setTimeout(r, 500));
    targetIds = await listDialogueIds(target);
  }
  report.dialogues = { source: sourceIds.length, target: targetIds.length };
  const inTarget = new Set(targetIds);
  const inSource = new Set(sourceIds);
  for (const id of targetIds) if (!inSource.has(id)) differ(`dialogue ${id}: only in the target`);

  progress.start("verify dialogues", sourceIds.length);
  await forEachLimit(sourceIds, options.concurrency ?? 8, async (id) => {
    if (!inTarget.has(id) && (await target.dialogues.getDialogue(id)) === null) differ(`dialogue ${id}: missing in the target`);
    else {
      const where = exportDifference(await source.dialogues.exportDialogue(id), await target.dialogues.exportDialogue(id));
      if (where !== undefined) differ(`dialogue ${id}: exports differ at ${where}`);
    }
    progress.advance(1);
  });
  progress.stop();

  progress.start("verify documents", options.expected?.documents ?? 0);
  await mergeStreams<Document>(
    source.documents.iterateDocuments({ pageSize: 50 })[Symbol.asyncIterator](),
    target.documents.iterateDocuments({ pageSize: 50 })[Symbol.asyncIterator](),
    (a, b) => a.id - b.id,
    (side, doc) => differ(`document ${doc.id}: only in the ${side}`),
    (a, b) => {
      const where = firstDifference(a, b);
      if (where !== undefined) differ(`document ${a.id}: differs at ${where}`);
    },
    report.documents,
    progress,
  );
  progress.stop();

  progress.start("verify links", options.expected?.links ?? 0);
  await mergeStreams<Link>(
    source.links.iterateLinks({ pageSize: 1000 })[Symbol.asyncIterator](),
    target.links.iterateLinks({ pageSize: 1000 })[Symbol.asyncIterator](),
    compareLinksForExport,
    (side, l) => differ(`link ${l.from} --${l.kind}--> ${l.to}: only in the ${side}`),
    (a, b) => {
      const where = firstDifference(a, b);
      if (where !== undefined) differ(`link ${a.from} --${a.kind}--> ${a.to}: differs at ${where}`);
    },
    report.links,
    progress,
  );
  progress.stop();

  progress.start("verify items", 0);
  const itemName = (i: GenericItemRecord) =>
    `item (${JSON.stringify(i.pk).slice(0, 80)}, ${JSON.stringify(i.sk).slice(0, 80)}) of store ${i.store}`;
  await mergeStreams<GenericItemRecord>(
    enumerateItems(source),
    enumerateItems(target),
    compareItemKeys,
    (side, i) => differ(`${itemName(i)}: only in the ${side}`),
    (a, b) => {
      const where = firstDifference(a, b);
      if (where !== undefined) differ(`${itemName(a)}: differs at ${where}`);
    },
    report.items,
    progress,
  );
  progress.stop();
  return report;
}

/** Walks two streams in the same order side by side, reporting one-sided and paired items. */
async function mergeStreams<T>(
  left: AsyncIterator<T>,
  right: AsyncIterator<T>,
  order: (a: T, b: T) => number,
  onlyIn: (side: "source" | "target", item: T) => void,
  pair: (a: T, b: T) => void,
  tally: { source: number; target: number },
  progress: ProgressSink,
): Promise<void> {
  let x = await left.next();
  let y = await right.next();
  while (!x.done || !y.done) {
    const c = x.done ? 1 : y.done ? -1 : order(x.value, y.value);
    if (c <= 0) tally.source++;
    if (c >= 0) tally.target++;
    if (c < 0) onlyIn("source", x.value as T);
    else if (c > 0) onlyIn("target", y.value as T);
    else pair(x.value as T, y.value as T);
    if (c <= 0) x = await left.next();
    if (c >= 0) y = await right.next();
    progress.advance(1);
    await yieldToEventLoop();
  }
}
