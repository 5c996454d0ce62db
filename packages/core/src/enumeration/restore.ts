import type { DialogueExport, Link } from "../types/entities";
import type { JsonObject } from "../types/json";
import type { StorageBackend, Store } from "../types/stores";
import { firstDifference } from "./compare";
import { dialogueRecordOf } from "./enumerate";
import type { DialogueRecordBody, GenericItemRecord, StorageRecord } from "./types";

/**
 * What restoring one record found in the target: `copied` (absent, written), `unchanged`
 * (already identical, left alone), `different` (present but different, overwritten).
 * With `dryRun` nothing is written and the outcome says what would have happened.
 */
export type RestoreOutcome = "copied" | "unchanged" | "different";

/** The export `importDialogue` takes for a dialogue record (`exportedAt` is not part of the record). */
export function exportOfRecord(r: DialogueRecordBody, exportedAt: string): DialogueExport {
  return {
    format: "blue.dialogue-export",
    version: 1,
    exportedAt,
    dialogue: r.dialogue,
    perspectives: r.perspectives,
    tensions: r.tensions,
    links: [],
  };
}

/** The generic store that writes an item under its recorded raw key. */
function rawStore(backend: StorageBackend, r: GenericItemRecord): Store<JsonObject> {
  return backend.store<JsonObject>({ name: r.store, key: () => ({ pk: r.pk, sk: r.sk }) });
}

/** Writes a generic item under its raw key, with its expiry when it has one. */
async function putItem(backend: StorageBackend, r: GenericItemRecord): Promise<void> {
  await rawStore(backend, r).put(r.item, r.expiresAt === undefined ? undefined : { expiresAt: r.expiresAt });
}

/**
 * Restores records into a backend one at a time, comparing before writing: idempotent and
 * resumable (a second run after an interruption writes only what is missing or different).
 * Records must come in stream order: links of one `from` are read from the target once.
 */
export class StorageRestorer {
  private linkFrom: string | undefined;
  private linksOfFrom: Link[] = [];

  constructor(
    private readonly target: StorageBackend,
    private readonly options: { dryRun?: boolean; exportedAt?: () => string } = {},
  ) {}

  /** Where the target's copy of a record differs from it ("" = absent), or undefined when identical. */
  async difference(record: StorageRecord): Promise<string | undefined> {
    switch (record.kind) {
      case "document": {
        const doc = await this.target.documents.getDocument(record.document.id);
        if (doc === null) return "";
        const where = firstDifference(doc, record.document);
        return where === undefined ? undefined : `document.${where}`;
      }
      case "dialogue": {
        if ((await this.target.dialogues.getDialogue(record.dialogue.id)) === null) return "";
        const { kind: _kind, ...body } = record;
        const where = firstDifference(dialogueRecordOf(await this.target.dialogues.exportDialogue(record.dialogue.id)), body);
        return where === undefined ? undefined : `dialogue.${where}`;
      }
      case "link": {
        const twin = (await this.linksFrom(record.link.from)).find((l) => l.to === record.link.to && l.kind === record.link.kind);
        if (twin === undefined) return "";
        const where = firstDifference(twin, record.link);
        return where === undefined ? undefined : `link.${where}`;
      }
      case "item": {
        const current = await rawStore(this.target, record).get(record.pk, record.sk);
        if (current === null) return "";
        const where = firstDifference(current, record.item);
        return where === undefined ? undefined : `item.${where}`;
      }
    }
  }

  /** Compares one record with the target and writes it when it is missing or different. */
  async restore(record: StorageRecord): Promise<RestoreOutcome> {
    const where = await this.difference(record);
    if (where === undefined) return "unchanged";
    const outcome: RestoreOutcome = where === "" ? "copied" : "different";
    if (this.options.dryRun === true) return outcome;
    switch (record.kind) {
      case "document":
        await this.target.documents.importDocument(record.document, { onConflict: "replace" });
        break;
      case "dialogue": {
        const at = this.options.exportedAt?.() ?? new Date().toISOString();
        await this.target.dialogues.importDialogue(exportOfRecord(record, at), { onConflict: "replace" });
        break;
      }
      case "link": {
        const twin = this.linksOfFrom.find((l) => l.to === record.link.to && l.kind === record.link.kind);
        // addLink keeps the first createdAt: a twin with another one is removed first.
        if (twin !== undefined && twin.createdAt !== record.link.createdAt)
          await this.target.links.removeLink(twin.from, twin.to, twin.kind);
        await this.target.links.addLink(record.link);
        break;
      }
      case "item":
        await putItem(this.target, record);
        break;
    }
    return outcome;
  }

  /** The target's links from `from`, read once per run of consecutive links with that `from`. */
  private async linksFrom(from: string): Promise<Link[]> {
    if (this.linkFrom !== from) {
      this.linksOfFrom = await this.target.links.linksFrom(from);
      this.linkFrom = from;
    }
    return this.linksOfFrom;
  }
}

/** Per kind, what a restore did. */
export type RestoreTally = Record<StorageRecord["kind"], Record<RestoreOutcome, number>>;

export function emptyTally(): RestoreTally {
  const z = () => ({ copied: 0, unchanged: 0, different: 0 });
  return { document: z(), dialogue: z(), link: z(), item: z() };
}

/**
 * Restores a stream of records (as `enumerateStorage` yields them) into `target`. Restoring
 * an enumeration into an empty backend of any kind reproduces it exactly.
 */
export async function restoreStorage(
  target: StorageBackend,
  records: AsyncIterable<StorageRecord> | Iterable<StorageRecord>,
  options: { dryRun?: boolean } = {},
): Promise<RestoreTally> {
  const restorer = new StorageRestorer(target, options);
  const tally = emptyTally();
  for await (const record of records) tally[record.kind][await restorer.restore(record)]++;
  return tally;
}
