import type { Link, StorageBackend } from "@blue/store-core";
import { exportDifference, sameJson } from "./compare";
import { takeInventory } from "./inventory";
import { forEachLimit, pages } from "./pool";
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

/** Per kind of data: how many the source holds, how many were (or would be) written, how many were already identical. */
export interface KindCounts {
  source: number;
  copied: number;
  unchanged: number;
}

/** The outcome of a migration. `ok` is false when the verification found a difference. */
export interface MigrationResult {
  dryRun: boolean;
  documents: KindCounts;
  dialogues: KindCounts;
  links: KindCounts;
  verification?: VerificationReport;
  ok: boolean;
}

const counts = (source: number): KindCounts => ({ source, copied: 0, unchanged: 0 });

/**
 * Copies every document (ids kept), dialogue (export → import) and link from `source` to
 * `target`, then verifies both sides. Idempotent and resumable: what the target already
 * holds identically is left alone, anything missing or different is (re)written with
 * `onConflict: "replace"`, so a re-run after an interruption finishes the job with no
 * duplicates. Documents go first so that links imported with dialogues find them.
 */
export async function migrateStorage(source: StorageBackend, target: StorageBackend, options: MigrateOptions = {}): Promise<MigrationResult> {
  const dryRun = options.dryRun ?? false;
  const limit = options.concurrency ?? 8;
  const progress = options.progress ?? silentProgress;
  const retry = <T>(what: string, work: () => Promise<T>) => withRetry(work, what, options.onRetry ?? (() => {}), options.retry ?? DEFAULT_RETRY);
  const inventory = await takeInventory(source);
  const result: MigrationResult = {
    dryRun,
    documents: counts(inventory.documents),
    dialogues: counts(inventory.dialogueIds.length),
    links: counts(inventory.links),
    ok: true,
  };

  progress.start("documents", inventory.documents);
  for await (const page of pages((cursor) => source.documents.listDocumentsPage({ limit: options.documentPageSize ?? 50, cursor }))) {
    await forEachLimit(page, limit, async (doc) => {
      const copied = await retry(`document ${doc.id}`, async () => {
        const existing = await target.documents.getDocument(doc.id);
        if (existing !== null && sameJson(existing, doc)) return false;
        if (!dryRun) await target.documents.importDocument(doc, { onConflict: "replace" });
        return true;
      });
      result.documents[copied ? "copied" : "unchanged"]++;
      progress.advance(1);
    });
  }
  progress.stop();

  progress.start("dialogues", inventory.dialogueIds.length);
  await forEachLimit(inventory.dialogueIds, limit, async (id) => {
    const copied = await retry(`dialogue ${id}`, async () => {
      const exported = await source.dialogues.exportDialogue(id);
      const present = (await target.dialogues.getDialogue(id)) !== null;
      if (present && exportDifference(await target.dialogues.exportDialogue(id), exported) === undefined) return false;
      if (!dryRun) await target.dialogues.importDialogue(exported, { onConflict: "replace" });
      return true;
    });
    result.dialogues[copied ? "copied" : "unchanged"]++;
    progress.advance(1);
  });
  progress.stop();

  progress.start("links", inventory.links);
  for await (const page of pages((cursor) => source.links.listLinksPage({ limit: 500, cursor }))) {
    await forEachLimit(groupByFrom(page), limit, async (group) => {
      const existing = await retry(`links from ${group[0]!.from}`, () => target.links.linksFrom(group[0]!.from));
      for (const link of group) {
        const twin = existing.find((l) => l.to === link.to && l.kind === link.kind);
        if (twin !== undefined && sameJson(twin, link)) result.links.unchanged++;
        else {
          if (!dryRun) {
            await retry(`link ${link.from} --${link.kind}--> ${link.to}`, async () => {
              // A twin with another createdAt cannot be fixed by addLink (it keeps createdAt): remove it first.
              if (twin !== undefined && twin.createdAt !== link.createdAt) await target.links.removeLink(link.from, link.to, link.kind);
              await target.links.addLink(link);
            });
          }
          result.links.copied++;
        }
        progress.advance(1);
      }
    });
  }
  progress.stop();

  if (!dryRun) {
    result.verification = await verifyMigration(source, target, { concurrency: limit, progress, dialogueIds: inventory.dialogueIds, expected: inventory });
    result.ok = result.verification.differences.length === 0;
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
