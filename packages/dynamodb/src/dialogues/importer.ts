import { createHash, randomUUID } from "node:crypto";
import { UnavailableError, type Dialogue, type DialogueExport, type ImportConflictPolicy } from "@blue/store-core";
import { exportCounts, validateDialogueExport, importConflictPolicy, alreadyExists } from "@blue/store-core/engine";
import { isConditionFailed, marshallItem, type Item } from "../client/executor";
import { backoff } from "../client/retry";
import type { StoreContext } from "../context";
import { linkItems } from "../links/link-items";
import { dialogueHeaderKey } from "../table/keys";
import type { ShardRotation } from "../table/shards";
import type { StatusGuess } from "./header-writes";
import { IMPORT_LEASE_MS, eventItem, headerItem, isImportRunning, isLive, listingKeys, perspectiveItem, tensionItem } from "./items";
import type { DialogueTransfer } from "./transfer";

/** Items written between two renewals of the lease (10 batches). */
const ROUND_ITEMS = 250;
/** How long a call waits for another caller's import of the same id before UNAVAILABLE. */
const MAX_WAIT_MS = 2 * IMPORT_LEASE_MS;

/**
 * importDialogue for exports larger than one transaction, serialized per dialogue id by a
 * claim on its header. The importer claims the header with one conditional write (from the
 * state it read: absent, live at version v, or an import whose lease ran out), which hides
 * the dialogue (`pend = import`, its token `tok`, lease time `pt`, export fingerprint `fp`);
 * it clears what the partition held, writes its header and the items in batches (renewing the
 * lease every ROUND_ITEMS items, which also tells it whether it still holds the claim), and
 * reveals the header on condition that it is still its own. So concurrent replaces of one id
 * run one after the other (the last one wins, whole): a caller that finds another import
 * running waits for it, and one whose claim was taken over (same export, or its lease ran out)
 * stops writing and returns once the dialogue is visible again.
 */
export class DialogueImporter {
  constructor(
    private readonly c: StoreContext,
    private readonly transfer: DialogueTransfer,
    private readonly statuses: StatusGuess,
    private readonly shards: ShardRotation,
  ) {}

  async importDialogue(e: DialogueExport, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    const policy = importConflictPolicy(options);
    const data = validateDialogueExport(e);
    const id = data.dialogue.id;
    const fp = createHash("sha256")
      .update(JSON.stringify({ ...data, exportedAt: "" }))
      .digest("base64url");
    const taken = () => alreadyExists("dialogue", { dialogueId: id });
    const puts: Item[] = [];
    for (const p of data.perspectives) puts.push(perspectiveItem(p));
    for (const { events, ...t } of data.tensions) {
      puts.push(tensionItem(t, events.length));
      for (const ev of events) puts.push(eventItem(id, t.id, ev));
    }
    for (const link of data.links) puts.push(...linkItems(link, this.c.shards));
    const deadline = Date.now() + MAX_WAIT_MS;
    let preempted = false;
    for (let attempt = 0; ; attempt++) {
      const token = randomUUID();
      const header: Item = { ...headerItem(data.dialogue, exportCounts(data), this.shards, { token }), fp };
      const existing = await this.c.exec.get(dialogueHeaderKey(id), "importDialogue");
      let claim: "new" | "same" | "taken" | undefined;
      if (preempted) {
        // Another caller took this import over: done when the dialogue is visible again, redo if that import was abandoned.
        if (isLive(existing)) return;
        if (!isImportRunning(existing)) preempted = false;
      } else if (existing === undefined) {
        claim = (await this.claim(id, header, undefined)) ? "new" : undefined;
      } else if (existing.pend === "import" && existing.fp === fp) {
        // A re-run of the same export (e.g. after a crash) takes over at once: it writes the same items.
        claim = (await this.claim(id, header, existing, true)) ? "same" : undefined;
      } else if (existing.pend === "delete") {
        await this.transfer.purge(id, "importDialogue");
        continue;
      } else if (isLive(existing) || isImportRunning(existing)) {
        if (policy === "skip") return;
        if (policy === "fail") throw taken();
        if (isLive(existing)) claim = (await this.claim(id, header, existing)) ? "taken" : undefined;
      } else {
        // An import whose lease ran out (its caller is gone): take it over.
        claim = (await this.claim(id, header, existing)) ? "taken" : undefined;
      }
      if (claim === undefined) {
        if (Date.now() > deadline)
          throw new UnavailableError(`importDialogue: dialogue ${id} is being imported by another caller; try again`, {
            details: { dialogueId: id },
          });
        await backoff({ ...this.c.exec.retry, maxDelayMs: 500 }, Math.min(attempt + 1, 5));
        continue;
      }
      try {
        if (await this.write(data.dialogue, token, header, claim === "taken", puts)) {
          this.statuses.set(id, data.dialogue.status);
          return;
        }
      } catch (err) {
        await this.abandon(id, token);
        throw err;
      }
      // Another caller took this import over (the same export, or a lease that ran out) and
      // reveals the dialogue: under "fail" and "skip" that caller is the one that imported it,
      // as when it had come first; under "replace" this call ends once the dialogue is visible.
      if (policy === "fail") throw taken();
      if (policy === "skip") return;
      preempted = true;
    }
  }

  /**
   * Makes the header this import's, with one conditional write from the state read: absent
   * (put), live at version v, or another import (its token). False when it changed meanwhile.
   */
  private async claim(id: string, header: Item, existing: Item | undefined, sameExport = false): Promise<boolean> {
    try {
      if (existing === undefined) {
        await this.c.exec.put(header, "importDialogue", { ConditionExpression: "attribute_not_exists(pk)" });
      } else {
        // The fingerprint is kept only for the same export; otherwise it is written with this
        // export's header once the partition is cleared (a re-run must not mistake it before).
        const live = existing.pend === undefined;
        await this.c.exec.update(dialogueHeaderKey(id), "importDialogue", {
          UpdateExpression: `SET pend = :imp, tok = :mine, pt = :now REMOVE g1pk, g1sk, g2pk, g2sk${sameExport ? "" : ", fp"}`,
          ConditionExpression: live ? "v = :v AND attribute_not_exists(pend)" : "pend = :imp AND tok = :theirs",
          ExpressionAttributeValues: marshallItem({
            ":imp": "import",
            ":mine": header.tok,
            ":now": Date.now(),
            ...(live ? { ":v": existing.v } : { ":theirs": existing.tok }),
          }),
        });
      }
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  /** Writes the claimed dialogue and reveals it. False when another caller took the claim over. */
  private async write(dialogue: Dialogue, token: string, header: Item, clear: boolean, puts: Item[]): Promise<boolean> {
    const id = dialogue.id;
    if (clear) {
      await this.transfer.clear(id, "importDialogue");
      if (
        !(await this.mine(() =>
          this.c.exec.put({ ...header, pt: Date.now() }, "importDialogue", {
            ConditionExpression: "pend = :imp AND tok = :tok",
            ExpressionAttributeValues: marshallItem({ ":imp": "import", ":tok": token }),
          }),
        ))
      )
        return false;
    }
    for (let i = 0; i < puts.length; i += ROUND_ITEMS) {
      if (i > 0 && !(await this.mine(() => this.renew(id, token)))) return false;
      await this.c.exec.batchWrite(puts.slice(i, i + ROUND_ITEMS), [], "importDialogue");
    }
    const values = {
      ":imp": "import",
      ":tok": token,
      ...Object.fromEntries(Object.entries(listingKeys(dialogue, this.shards)).map(([k, v]) => [`:${k}`, v])),
    };
    return this.mine(() =>
      this.c.exec.update(dialogueHeaderKey(id), "importDialogue", {
        UpdateExpression: "SET g1pk = :g1pk, g1sk = :g1sk, g2pk = :g2pk, g2sk = :g2sk REMOVE pend, tok, pt, fp",
        ConditionExpression: "pend = :imp AND tok = :tok",
        ExpressionAttributeValues: marshallItem(values),
      }),
    );
  }

  /** Runs a write conditional on the claim; false when the claim is no longer this import's. */
  private async mine(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  private renew(id: string, token: string) {
    return this.c.exec.update(dialogueHeaderKey(id), "importDialogue", {
      UpdateExpression: "SET pt = :now",
      ConditionExpression: "pend = :imp AND tok = :tok",
      ExpressionAttributeValues: marshallItem({ ":now": Date.now(), ":imp": "import", ":tok": token }),
    });
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
