import type { DialogueExport, ExportedTension, Link, Perspective, TensionEvent } from "@blue/store-core";
import { canonicalExportOrder, decodeKey, keyPrefix, notFound } from "@blue/store-core/engine";
import { isConditionFailed, marshallItem, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { linkFromItem, LINK_COPY_PREFIX } from "../links/link-items";
import type { DynamoLinkStore } from "../links/link-store";
import { HEADER_SK, dialogueHeaderKey, dialoguePk, type Key } from "../table/keys";
import { dialogueOf, isLive } from "./items";

const P = keyPrefix(["P"]);
const T = keyPrefix(["T"]);
const E = keyPrefix(["E"]);

/**
 * Whole-dialogue reads and deletes. Export is one Query over the dialogue's partition
 * (following LastEvaluatedKey). Delete spans many requests: it hides the header first
 * (`pend = delete`, out of the GSIs), removes the partition and its links, and deletes the
 * header last; a re-run (or createDialogue / importDialogue of the id) finishes it.
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
    if (!isLive(header)) throw notFound("dialogue", { dialogueId: id });
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
    const visibleLinks = await this.links.visible(links, id);
    return canonicalExportOrder({
      format: "blue.dialogue-export",
      version: 1,
      exportedAt: this.c.model.now(),
      dialogue: dialogueOf(header),
      perspectives,
      tensions: [...tensions.values()],
      links: visibleLinks,
    });
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
    await this.clear(id, context);
    await this.c.exec.delete(dialogueHeaderKey(id), context);
  }

  /** Removes everything in the dialogue's partition but its header (links within it everywhere). */
  async clear(id: string, context: string): Promise<void> {
    const { items } = await this.partition(id, context);
    const copies = items.filter((i) => (i.sk as string).startsWith(LINK_COPY_PREFIX));
    await this.links.removeWithinPartition(copies, context);
    const rest: Key[] = items
      .filter((i) => i.sk !== HEADER_SK && !(i.sk as string).startsWith(LINK_COPY_PREFIX))
      .map((i) => ({ pk: i.pk as string, sk: i.sk as string }));
    await this.c.exec.batchWrite([], rest, context);
  }
}
