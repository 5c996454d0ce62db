import {
  iterateDialoguePages,
  applyDialoguePatch,
  applyStatusChange,
  assertId,
  buildDialogue,
  buildPerspective,
  buildTension,
  unresolvedDelta,
  validateDialoguePatch,
  validateStatusChange,
  alreadyExists,
  notFound,
} from "@blue/store-core/engine";
import {
  UnavailableError,
  type Dialogue,
  type DialogueExport,
  type DialoguePatch,
  type DialogueStatus,
  type DialogueStore,
  type DialogueSummary,
  type ImportConflictPolicy,
  type NewDialogue,
  type NewPerspective,
  type NewTension,
  type Page,
  type PageRequest,
  type Tension,
  type TensionEventInput,
  type TensionId,
  type TensionStatus,
} from "@blue/store-core";
import { conditionOldItem, isConditionFailed, marshallItem } from "../client/executor";
import type { StoreContext } from "../context";
import type { DynamoLinkStore } from "../links/link-store";
import { dialogueHeaderKey, tensionKey } from "../table/keys";
import { StatusGuess, writeWithHeader } from "./header-writes";
import {
  HEADER_LIVE,
  dialogueAttributes,
  dialogueOf,
  isImportRunning,
  eventItem,
  headerItem,
  isLive,
  listingKeys,
  perspectiveItem,
  putNew,
  tensionItem,
} from "./items";
import { DialogueImporter } from "./importer";
import { DialogueListing } from "./listing";
import { DialogueTransfer } from "./transfer";
import { ShardRotation } from "../table/shards";

/**
 * The RFC's DynamoDialogueStore: one partition per dialogue (header, perspectives, tensions,
 * events, link copies), listings through two GSIs. See docs/access-patterns.md.
 */
export class DynamoDialogueStore implements DialogueStore {
  private readonly listing: DialogueListing;
  private readonly transfer: DialogueTransfer;
  private readonly importer: DialogueImporter;
  private readonly statuses = new StatusGuess();
  private readonly shards: ShardRotation;

  constructor(
    private readonly c: StoreContext,
    links: DynamoLinkStore,
  ) {
    this.shards = new ShardRotation(c.shards);
    this.listing = new DialogueListing(c);
    this.transfer = new DialogueTransfer(c, links);
    this.importer = new DialogueImporter(c, this.transfer, this.statuses, this.shards);
  }

  async createDialogue(input: NewDialogue): Promise<string> {
    this.c.life.check();
    const dialogue = buildDialogue(input, this.c.model);
    for (let round = 0; ; round++) {
      try {
        await this.c.exec.put(
          headerItem(dialogue, { perspectiveCount: 0, tensionCount: 0, unresolvedTensionCount: 0 }, this.shards),
          "createDialogue",
          {
            ConditionExpression: "attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          },
        );
        this.statuses.set(dialogue.id, dialogue.status);
        return dialogue.id;
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
        const old = conditionOldItem(e);
        if (isLive(old) || isImportRunning(old) || round >= 2) {
          throw alreadyExists("dialogue", { dialogueId: dialogue.id });
        }
        // An interrupted import or delete left an invisible partition: finish clearing it, then retry.
        await this.transfer.purge(dialogue.id, "createDialogue");
      }
    }
  }

  async getDialogue(id: string): Promise<Dialogue | null> {
    this.c.life.check();
    assertId(id, "id");
    const item = await this.c.exec.get(dialogueHeaderKey(id), "getDialogue");
    if (!isLive(item)) return null;
    this.statuses.set(id, item.ds);
    return dialogueOf(item);
  }

  async updateDialogue(id: string, patch: DialoguePatch): Promise<Dialogue> {
    this.c.life.check();
    assertId(id, "id");
    const checked = validateDialoguePatch(patch);
    for await (const _round of this.c.exec.rounds()) {
      const item = await this.c.exec.get(dialogueHeaderKey(id), "updateDialogue");
      if (!isLive(item)) throw notFound("dialogue", { dialogueId: id });
      const next = applyDialoguePatch(dialogueOf(item), checked, this.c.model);
      const values = { ...prefixKeys(dialogueAttributes(next)), ":v": item.v, ":one": 1, ...prefixKeys(listingKeys(next, this.shards)) };
      try {
        await this.c.exec.update(dialogueHeaderKey(id), "updateDialogue", {
          UpdateExpression:
            "SET j = :j, ti = :ti, ds = :ds, dc = :dc, ua = :ua, g1pk = :g1pk, g1sk = :g1sk, g2pk = :g2pk, g2sk = :g2sk ADD v :one",
          ConditionExpression: `${HEADER_LIVE} AND v = :v`,
          ExpressionAttributeValues: marshallItem(values),
        });
        this.statuses.set(id, next.status);
        return next;
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    }
    throw this.contention("updateDialogue", id);
  }

  async deleteDialogue(id: string): Promise<boolean> {
    this.c.life.check();
    assertId(id, "id");
    return this.transfer.deleteDialogue(id);
  }

  async registerPerspective(p: NewPerspective): Promise<void> {
    this.c.life.check();
    const perspective = buildPerspective(p, this.c.model);
    const { dialogueId, id } = perspective;
    await writeWithHeader(
      this.c,
      this.statuses,
      this.shards,
      dialogueId,
      perspective.createdAt,
      [putNew(this.c.exec.table, perspectiveItem(perspective))],
      { pc: 1 },
      "registerPerspective",
      () => alreadyExists("perspective", { dialogueId, perspectiveId: id }),
    );
  }

  async registerTension(t: NewTension): Promise<void> {
    this.c.life.check();
    const { tension, event } = buildTension(t, this.c.model);
    const { dialogueId, id } = tension;
    const table = this.c.exec.table;
    const children = [putNew(table, tensionItem(tension, 1)), putNew(table, eventItem(dialogueId, id, event))];
    await writeWithHeader(
      this.c,
      this.statuses,
      this.shards,
      dialogueId,
      tension.createdAt,
      children,
      { tc: 1, uc: unresolvedDelta(undefined, tension.status) },
      "registerTension",
      () => alreadyExists("tension", { dialogueId, tensionId: id }),
    );
  }

  async updateTensionStatus(
    id: TensionId,
    status: TensionStatus,
    event: TensionEventInput,
    options?: { ifStatus?: TensionStatus },
  ): Promise<Tension> {
    this.c.life.check();
    const request = validateStatusChange(id, status, event, options);
    const { dialogueId, tensionId } = request.id;
    const table = this.c.exec.table;
    for await (const _round of this.c.exec.rounds()) {
      const item = await this.c.exec.get(tensionKey(dialogueId, tensionId), "updateTensionStatus");
      if (!item) {
        // The contract's order of checks: a missing dialogue is named before a missing tension.
        const header = await this.c.exec.get(dialogueHeaderKey(dialogueId), "updateTensionStatus");
        throw isLive(header) ? notFound("tension", { dialogueId, tensionId }) : notFound("dialogue", { dialogueId });
      }
      const current = JSON.parse(item.j as string) as Tension;
      const lastSeq = item.seq as number;
      const change = applyStatusChange(current, lastSeq, request, this.c.model);
      const values: Record<string, unknown> = {
        ":j": JSON.stringify(change.tension),
        ":st": change.tension.status,
        ":seq": change.event.seq,
        ":last": lastSeq,
      };
      let condition = "seq = :last";
      if (request.ifStatus !== undefined) {
        values[":if"] = request.ifStatus;
        condition += " AND st = :if";
      }
      const tensionUpdate = {
        Update: {
          TableName: table,
          Key: marshallItem(tensionKey(dialogueId, tensionId)),
          UpdateExpression: "SET j = :j, st = :st, seq = :seq",
          ConditionExpression: condition,
          ExpressionAttributeValues: marshallItem(values),
        },
      };
      const children = [tensionUpdate, putNew(table, eventItem(dialogueId, tensionId, change.event))];
      const delta = unresolvedDelta(current.status, change.tension.status);
      const done = await writeWithHeader(
        this.c,
        this.statuses,
        this.shards,
        dialogueId,
        change.event.at,
        children,
        { uc: delta },
        "updateTensionStatus",
        () => "retry",
      );
      if (done) return change.tension;
    }
    throw this.contention("updateTensionStatus", dialogueId);
  }

  async exportDialogue(id: string): Promise<DialogueExport> {
    this.c.life.check();
    assertId(id, "id");
    return this.transfer.exportDialogue(id);
  }

  async importDialogue(e: DialogueExport, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    this.c.life.check();
    return this.importer.importDialogue(e, options);
  }

  async listDialogues(status?: DialogueStatus): Promise<DialogueSummary[]> {
    this.c.life.check();
    return this.listing.all(status);
  }

  async listDialoguesPage(q: PageRequest & { status?: DialogueStatus }): Promise<Page<DialogueSummary>> {
    this.c.life.check();
    return this.listing.page(q);
  }

  private contention(context: string, id: string) {
    return new UnavailableError(`${context}: dialogue ${id} kept changing under concurrent writers; try again`, {
      details: { dialogueId: id },
    });
  }

  /** The same order as `listDialogues`, a page at a time (core's `iterateDialoguePages`). */
  iterateDialogues(...args: Parameters<DialogueStore["iterateDialogues"]>): ReturnType<DialogueStore["iterateDialogues"]> {
    return iterateDialoguePages(this, ...args);
  }
}

function prefixKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`:${k}`, v]));
}
