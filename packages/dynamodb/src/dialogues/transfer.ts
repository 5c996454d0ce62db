import { randomUUID } from "node:crypto";
import {
  ConflictError,
  NotFoundError,
  UnavailableError,
  assertOneOf,
  assertOptions,
  canonicalExportOrder,
  decodeKey,
  exportCounts,
  keyPrefix,
  validateDialogueExport,
  type DialogueExport,
  type ExportedTension,
  type ImportConflictPolicy,
  type Link,
  type Perspective,
  type TensionEvent,
} from "@blue/store-core";
import { isConditionFailed, marshallItem, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { linkItems, linkFromItem, LINK_COPY_PREFIX } from "../links/link-items";
import type { DynamoLinkStore } from "../links/link-store";
import { HEADER_SK, dialogueHeaderKey, dialoguePk, type Key } from "../table/keys";
import { dialogueOf, eventItem, headerItem, isImportRunning, isLive, listingKeys, perspectiveItem, tensionItem } from "./items";

const P = keyPrefix(["P"]);
const T = keyPrefix(["T"]);
const E = keyPrefix(["E"]);

/**
 * Whole-dialogue operations. Export is one Query over the dialogue's partition (following
 * LastEvaluatedKey). Import and delete span many requests, so the header carries `pend`
 * while they run: the dialogue is invisible meanwhile, and a re-run (or createDialogue /
 * importDialogue of the same id) finishes or redoes the work. Import writes its items with
 * batch writes and makes the header visible last; delete hides the header first and
 * removes it last.
 */
export class DialogueTransfer {
  constructor(
    private readonly c: StoreContext,
    private readonly links: DynamoLinkStore,
  ) {}

  private partition(id: string, context: string) {
    return this.c.exec.query(
      { KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: marshallItem({ ":pk": dialoguePk(id) }), ConsistentRead: true },
      context,
    );
  }

  async exportDialogue(id: string): Promise<DialogueExport> {
    const { items } = await this.partition(id, "exportDialogue");
    const header = items.find((i) => i.sk === HEADER_SK);
    if (!isLive(header)) throw new NotFoundError(`dialogue ${id} not found`, { details: { dialogueId: id } });
    const perspectives: Perspective[] = [];
    const tensions = new Map<string, ExportedTension>();
    const events: Array<[string, TensionEvent]> = [];
    const links: Link[] = [];
    for (const item of items) {
      const sk = item.sk as string;
      if (sk.startsWith(P)) perspectives.push(JSON.parse(item.j as string));
      else if (sk.startsWith(T)) {
        const t = JSON.parse(item.j as string);
        tensions.set(t.id, { ...t, events: [] });
      } else if (sk.startsWith(E)) events.push([decodeKey(sk)[1]!, JSON.parse(item.j as string)]);
      else if (sk.startsWith(LINK_COPY_PREFIX)) links.push(linkFromItem(item));
    }
    for (const [tensionId, event] of events) tensions.get(tensionId)?.events.push(event);
    return canonicalExportOrder({
      format: "blue.dialogue-export",
      version: 1,
      exportedAt: this.c.model.now(),
      dialogue: dialogueOf(header),
      perspectives,
      tensions: [...tensions.values()],
      links,
    });
  }

  async importDialogue(e: DialogueExport, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    const opts = assertOptions(options);
    const policy = opts.onConflict === undefined ? "fail" : assertOneOf(opts.onConflict, ["fail", "skip", "replace"] as const, "options.onConflict");
    const data = validateDialogueExport(e);
    const id = data.dialogue.id;
    const existing = await this.c.exec.get(dialogueHeaderKey(id), "importDialogue");
    const taken = () => new ConflictError("ALREADY_EXISTS", `dialogue ${id} already exists`, { details: { dialogueId: id } });
    if (isLive(existing) || isImportRunning(existing)) {
      if (policy === "skip") return;
      if (policy === "fail") throw taken();
      if (isImportRunning(existing)) throw new UnavailableError(`dialogue ${id} is being imported by another caller`, { details: { dialogueId: id } });
    }
    if (existing) await this.purge(id, "importDialogue");
    const token = randomUUID();
    try {
      await this.c.exec.put(headerItem(data.dialogue, exportCounts(data), { token }), "importDialogue", { ConditionExpression: "attribute_not_exists(pk)" });
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      if (policy === "skip") return;
      throw taken();
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
        UpdateExpression: "SET g1pk = :g1pk, g1sk = :g1sk, g2pk = :g2pk, g2sk = :g2sk REMOVE pend, tok, pt",
        ConditionExpression: "pend = :imp AND tok = :tok",
        ExpressionAttributeValues: marshallItem(values),
      });
    } catch (err) {
      await this.abandonImport(id, token);
      if (isConditionFailed(err)) throw new UnavailableError(`importDialogue: the import of ${id} was taken over after its lease ran out`, { cause: err, details: { dialogueId: id } });
      throw err;
    }
  }

  /**
   * Best effort after a failed import: end its lease at once (so a re-run need not wait for
   * it), then clear what it wrote, if the header is still its own.
   */
  private async abandonImport(id: string, token: string): Promise<void> {
    try {
      await this.c.exec.update(dialogueHeaderKey(id), "importDialogue", {
        UpdateExpression: "SET pt = :zero",
        ConditionExpression: "pend = :imp AND tok = :tok",
        ExpressionAttributeValues: marshallItem({ ":zero": 0, ":imp": "import", ":tok": token }),
      });
      await this.purge(id, "importDialogue");
    } catch {
      // The caller gets the original error; a re-run after the lease (or createDialogue) clears it.
    }
  }

  async deleteDialogue(id: string): Promise<boolean> {
    let old: Item | undefined;
    try {
      old = await this.c.exec.update(dialogueHeaderKey(id), "deleteDialogue", {
        UpdateExpression: "SET pend = :del REMOVE g1pk, g2pk, g1sk, g2sk",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(pend) OR pend = :del)",
        ExpressionAttributeValues: marshallItem({ ":del": "delete" }),
        ReturnValues: "ALL_OLD",
      });
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
    await this.purge(id, "deleteDialogue");
    return old?.pend === undefined;
  }

  /** Removes everything in the dialogue's partition (links within it everywhere), the header last. */
  async purge(id: string, context: string): Promise<void> {
    const { items } = await this.partition(id, context);
    const copies = items.filter((i) => (i.sk as string).startsWith(LINK_COPY_PREFIX));
    await this.links.removeWithinPartition(copies, context);
    const rest: Key[] = items.filter((i) => i.sk !== HEADER_SK && !(i.sk as string).startsWith(LINK_COPY_PREFIX)).map((i) => ({ pk: i.pk as string, sk: i.sk as string }));
    await this.c.exec.batchWrite([], rest, context);
    await this.c.exec.delete(dialogueHeaderKey(id), context);
  }
}
