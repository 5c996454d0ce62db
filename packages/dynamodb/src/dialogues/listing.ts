import {
  assertDialogueStatus,
  assertOptions,
  decodeDialogueCursor,
  encodeDialogueCursor,
  pageLimit,
  type DialogueStatus,
  type DialogueSummary,
  type Page,
  type PageRequest,
} from "@blue/store-core";
import { marshallItem, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { ALL_DIALOGUES_PARTITION, listingSortKey, statusPartition } from "../table/keys";
import { STATUS_INDEX, UPDATED_INDEX } from "../table/schema";
import { summaryOf } from "./items";

/**
 * listDialogues through the GSIs (eventually consistent): `byStatus` for one status,
 * `byUpdated` for all. Their sort key is (updatedAt desc, id asc) as an ascending string, so
 * a page is one Query with Limit = limit + 1 (the extra item says whether a cursor is due).
 */
export class DialogueListing {
  constructor(private readonly c: StoreContext) {}

  private source(status: DialogueStatus | undefined) {
    return status === undefined
      ? { IndexName: UPDATED_INDEX, pkName: "g2pk", skName: "g2sk", partition: ALL_DIALOGUES_PARTITION }
      : { IndexName: STATUS_INDEX, pkName: "g1pk", skName: "g1sk", partition: statusPartition(status) };
  }

  private async read(status: DialogueStatus | undefined, after: string | undefined, limit: number | undefined, context: string) {
    const s = this.source(status);
    const values: Item = { ":p": s.partition };
    if (after !== undefined) values[":after"] = after;
    return this.c.exec.query(
      {
        IndexName: s.IndexName,
        KeyConditionExpression: after === undefined ? `${s.pkName} = :p` : `${s.pkName} = :p AND ${s.skName} > :after`,
        ExpressionAttributeValues: marshallItem(values),
        ...(limit !== undefined ? { Limit: limit + 1 } : {}),
      },
      context,
      limit === undefined ? undefined : (got) => got.length > limit,
    );
  }

  async all(status?: DialogueStatus): Promise<DialogueSummary[]> {
    if (status !== undefined) assertDialogueStatus(status);
    const { items } = await this.read(status, undefined, undefined, "listDialogues");
    return items.map(summaryOf);
  }

  async page(q: PageRequest & { status?: DialogueStatus }): Promise<Page<DialogueSummary>> {
    const query = assertOptions(q ?? {}, "query");
    const status = query.status === undefined ? undefined : assertDialogueStatus(query.status);
    const limit = pageLimit(query.limit);
    const pos = decodeDialogueCursor(status, query.cursor as string | undefined);
    const after = pos ? listingSortKey(pos.updatedAt, pos.id) : undefined;
    const { items } = await this.read(status, after, limit, "listDialoguesPage");
    const summaries = items.slice(0, limit).map(summaryOf);
    return items.length > limit ? { items: summaries, cursor: encodeDialogueCursor(status, summaries[summaries.length - 1]!) } : { items: summaries };
  }
}
