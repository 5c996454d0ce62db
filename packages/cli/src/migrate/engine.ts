import type { Link, StorageBackend } from "@blue/store-core";
import { StorageRestorer, catalogOf, enumerateItems, type RestoreOutcome } from "@blue/store-core/engine";
import { exportDifference, sameJson } from "./compare";
import { takeInventory } from "./inventory";
import { forEachLimit, pages, yieldToEventLoop } from "./pool";
import { silentProgress, type ProgressSink } from "./progress";
import { verifyMigration, type VerificationReport } from "./verify";
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from "./retry";

/** Options of `migrateStorage`. */
export interface MigrateOptions {
  /** Count what would be copied; write nothing and skip the verification. */
  dryRun?: boolean;
  /** Calls in flight at once against the target (default 8). */
  concurrency?: number;
  /** Documents per page read from the source (default 50: bodies may be large). */
  documentPageSize?: number;
  progress?: ProgressSink;
  /** Retrying of transient (UNAVAILABLE) failures per item. */
  retry?: RetryPolicy;
  /** Hears about items that are being retried (one line each). */
  onRetry?: (message: string) => void;
}

/**
 * Per kind of data: how many the source holds; of those, how many were absent in the target
 * and copied, already there and identical, or there but different (and overwritten). In a dry
 * run `copied` and `different` say what would be written.
 */
export interface KindCounts {
  source: number;
  copied: number;
  unchanged: number;
  different: number;
}

/** The outcome of a migration. `ok` is false when the verification found a difference. */
export interface MigrationResult {
  dryRun: boolean;
  documents: KindCounts;
  dialogues: KindCounts;
  links: KindCounts;
  /** Items of generic stores (`storage.store(schema)`), every store. */
  items: KindCounts;
  verification?: VerificationReport;
  ok: boolean;
}

const counts = (source: number): KindCounts => ({ source, copied: 0, unchanged: 0, different: 0 });

/** Records an outcome; `skipped` items are reported to the progress apart from the work done. */
function tally(c: KindCounts, outcome: RestoreOutcome, progress: ProgressSink): void {
  c[outcome]++;
  progress.advance(1, outcome === "unchanged");
}

/**
 * Copies every document (ids kept), dialogue (export → import), link and generic-store item
 * from `source` to `target`, then verifies both sides item by item. Idempotent and resumable:
 * what the target already holds identically is left alone, anything missing or different is
 * (re)written with `onConflict: "replace"`, so a re-run after an interruption finishes the job
 * with no duplicates. Documents go first so that links imported with dialogues find them. A
 * source that cannot enumerate its generic stores is NOT_SUPPORTED before anything is written.
 */
export async function migrateStorage(
  source: StorageBackend,
  target: StorageBackend,
  options: MigrateOptions = {},
): Promise<MigrationResult> {
  const dryRun = options.dryRun ?? false;
  const limit = options.concurrency ?? 8;
  const progress = options.progress ?? silentProgress;
  const retry = <T>(what: string, work: () => Promise<T>) =>
    withRetry(work, what, options.onRetry ?? (() => {}), options.retry ?? DEFAULT_RETRY);
  catalogOf(source);
  const inventory = await takeInventory(source);
  const result: MigrationResult = {
    dryRun,
    documents: counts(inventory.documents),
    dialogues: counts(inventory.dialogueIds.length),
    links: counts(inventory.links),
    items: counts(0),
    ok: true,
  };

  progress.start("documents", inventory.documents);
  for await (const page of pages((cursor) => source.documents.listDocumentsPage({ limit: options.documentPageSize ?? 50, cursor }))) {
    await forEachLimit(page, limit, async (doc) => {
      const outcome = await retry(`document ${doc.id}`, async (): Promise<RestoreOutcome> => {
        const existing = await target.documents.getDocument(doc.id);
        if (existing !== null && sameJson(existing, doc)) return "unchanged";
        if (!dryRun) await target.documents.importDocument(doc, { onConflict: "replace" });
        return existing === null ? "copied" : "different";
      });
      tally(result.documents, outcome, progress);
    });
  }
  progress.stop();

  progress.start("dialogues", inventory.dialogueIds.length);
  await forEachLimit(inventory.dialogueIds, limit, async (id) => {
    const outcome = await retry(`dialogue ${id}`, async (): Promise<RestoreOutcome> => {
      const exported = await source.dialogues.exportDialogue(id);
      const present = (await target.dialogues.getDialogue(id)) !== null;
      if (present && exportDifference(await target.dialogues.exportDialogue(id), exported) === undefined) return "unchanged";
      if (!dryRun) await target.dialogues.importDialogue(exported, { onConflict: "replace" });
      return present ? "different" : "copied";
    });
    tally(result.dialogues, outcome, progress);
  });
  progress.stop();

  progress.start("links", inventory.links);
  for await (const page of pages((cursor) => source.links.listLinksPage({ limit: 500, cursor }))) {
    await forEachLimit(groupByFrom(page), limit, async (group) => {
      const existing = await retry(`links from ${group[0]!.from}`, () => target.links.linksFrom(group[0]!.from));
      for (const link of group) {
        const twin = existing.find((l) => l.to === link.to && l.kind === link.kind);
        if (twin !== undefined && sameJson(twin, link)) {
          tally(result.links, "unchanged", progress);
          continue;
        }
        if (!dryRun) {
          await retry(`link ${link.from} --${link.kind}--> ${link.to}`, async () => {
            // A twin with another createdAt cannot be fixed by addLink (it keeps createdAt): remove it first.
            if (twin !== undefined && twin.createdAt !== link.createdAt) await target.links.removeLink(link.from, link.to, link.kind);
            await target.links.addLink(link);
          });
        }
        tally(result.links, twin === undefined ? "copied" : "different", progress);
      }
    });
  }
  progress.stop();

  // Generic items: one at a time in (store, pk, sk) order (the source's catalog streams them).
  progress.start("items", 0);
  const restorer = new StorageRestorer(target, { dryRun });
  for await (const item of enumerateItems(source)) {
    result.items.source++;
    const outcome = await retry(`item ${JSON.stringify(item.pk)}/${JSON.stringify(item.sk)} of store ${item.store}`, () =>
      restorer.restore({ kind: "item", ...item }),
    );
    tally(result.items, outcome, progress);
    await yieldToEventLoop();
  }
  progress.stop();

  if (!dryRun) {
    result.verification = await verifyMigration(source, target, {
      concurrency: limit,
      progress,
      dialogueIds: inventory.dialogueIds,
      expected: inventory,
    });
    const accounted = [result.documents, result.dialogues, result.links, result.items].every(
      (c) => c.copied + c.unchanged + c.different === c.source,
    );
    result.ok = result.verification.differenceCount === 0 && accounted;
  }
  return result;
}

/** Links of one page grouped by `from` (a page is ordered by from, to, kind). */
function groupByFrom(links: readonly Link[]): Link[][] {
  const groups: Link[][] = [];
  for (const link of links) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0]!.from === link.from) last.push(link);
    else groups.push([link]);
  }
  return groups;
}
