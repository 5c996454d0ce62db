import { createHash, randomUUID } from "node:crypto";
import {
  ConflictError,
  UnavailableError,
  exportCounts,
  validateDialogueExport,
  type DialogueExport,
  type ImportConflictPolicy,
  importConflictPolicy,
} from "@blue/store-core";
import { isConditionFailed, marshallItem, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { linkItems } from "../links/link-items";
import { dialogueHeaderKey } from "../table/keys";
import { eventItem, headerItem, isImportRunning, isLive, listingKeys, perspectiveItem, tensionItem } from "./items";
import type { DialogueTransfer } from "./transfer";

/**
 * importDialogue for exports larger than one transaction. The header is written first, hidden
 * (`pend = import`, the importer's token, a 30 s lease, and the export's fingerprint); then the
 * items in batches (plain puts: idempotent); then the header is revealed, on condition that it
 * is still this importer's. A re-run of the same export takes over a hidden header at once (it
 * writes the same items); another export waits for the lease; a failed import ends its lease
 * and clears what it wrote. Exactly one of several concurrent imports reveals the dialogue.
 */
export class DialogueImporter {
  constructor(
    private readonly c: StoreContext,
    private readonly transfer: DialogueTransfer,
  ) {}

  async importDialogue(e: DialogueExport, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    const policy = importConflictPolicy(options);
    const data = validateDialogueExport(e);
    const id = data.dialogue.id;
    const fingerprint = createHash("sha256").update(JSON.stringify({ ...data, exportedAt: "" })).digest("base64url");
    const token = randomUUID();
    const taken = () => new ConflictError("ALREADY_EXISTS", `dialogue ${id} already exists`, { details: { dialogueId: id } });
    const existing = await this.c.exec.get(dialogueHeaderKey(id), "importDialogue");
    if (existing?.pend === "import" && existing.fp === fingerprint) {
      if (!(await this.takeOver(id, existing.tok as string, token))) {
        if (policy === "skip") return;
        throw taken();
      }
    } else {
      if (isLive(existing) || isImportRunning(existing)) {
        if (policy === "skip") return;
        if (policy === "fail") throw taken();
        if (isImportRunning(existing)) throw new UnavailableError(`dialogue ${id} is being imported by another caller`, { details: { dialogueId: id } });
      }
      if (existing) await this.transfer.purge(id, "importDialogue");
      try {
        await this.c.exec.put({ ...headerItem(data.dialogue, exportCounts(data), { token }), fp: fingerprint }, "importDialogue", { ConditionExpression: "attribute_not_exists(pk)" });
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        if (policy === "skip") return;
        throw taken();
      }
    }
    const puts: Item[] = [];
    for (const p of data.perspectives) puts.push(perspectiveItem(p));
    for (const { events, ...t } of data.tensions) {
      puts.push(tensionItem(t, events.length));
      for (const ev of events) puts.push(eventItem(id, t.id, ev));
    }
    for (const link of data.links) puts.push(...linkItems(link));
    try {
      await this.c.exec.batchWrite(puts, [], "importDialogue");
      const values = { ":imp": "import", ":tok": token, ...Object.fromEntries(Object.entries(listingKeys(data.dialogue)).map(([k, v]) => [`:${k}`, v])) };
      await this.c.exec.update(dialogueHeaderKey(id), "importDialogue", {
        UpdateExpression: "SET g1pk = :g1pk, g1sk = :g1sk, g2pk = :g2pk, g2sk = :g2sk REMOVE pend, tok, pt, fp",
        ConditionExpression: "pend = :imp AND tok = :tok",
        ExpressionAttributeValues: marshallItem(values),
      });
    } catch (err) {
      if (!isConditionFailed(err)) {
        await this.abandon(id, token);
        throw err;
      }
      // Another import of the same export took this one over and reveals the dialogue.
      if (policy === "skip") return;
      if (policy === "fail") throw taken();
      throw new UnavailableError(`importDialogue: another import of ${id} took this one over`, { cause: err, details: { dialogueId: id } });
    }
  }

  /** Makes a hidden header of the same export this importer's. False when it changed meanwhile. */
  private async takeOver(id: string, theirs: string, mine: string): Promise<boolean> {
    try {
      await this.c.exec.update(dialogueHeaderKey(id), "importDialogue", {
        UpdateExpression: "SET tok = :mine, pt = :now",
        ConditionExpression: "pend = :imp AND tok = :theirs",
        ExpressionAttributeValues: marshallItem({ ":mine": mine, ":now": Date.now(), ":imp": "import", ":theirs": theirs }),
      });
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  /** Best effort after a failed import: end its lease at once, then clear what it wrote, if the header is still its own. */
  private async abandon(id: string, token: string): Promise<void> {
    try {
      await this.c.exec.update(dialogueHeaderKey(id), "importDialogue", {
        UpdateExpression: "SET pt = :zero",
        ConditionExpression: "pend = :imp AND tok = :tok",
        ExpressionAttributeValues: marshallItem({ ":zero": 0, ":imp": "import", ":tok": token }),
      });
      await this.transfer.purge(id, "importDialogue");
    } catch {
      // The caller gets the original error; a re-run takes over (same export) or waits for the lease.
    }
  }
}
