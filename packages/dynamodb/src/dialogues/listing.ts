import type { DialogueStatus, DialogueSummary, Page, PageRequest } from "@blue/store-core";
import {
  checkOptions,
  METHOD_OPTIONS,
  assertDialogueStatus,
  compareUtf8,
  decodeDialogueCursor,
  encodeDialogueCursor,
  pageLimit,
} from "@blue/store-core/engine";
import { marshallItem, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { allDialoguesPartition, listingSortKey, statusPartition } from "../table/keys";
import { STATUS_INDEX, UPDATED_INDEX } from "../table/schema";
import { mergeShards } from "../table/shard-merge";
import { summaryOf } from "./items";

/**
 * listDialogues through the GSIs (eventually consistent): `byStatus` for one status,
 * `byUpdated` for all, each spread over the table's shards. Their sort key is (updatedAt
 * desc, id asc) as an ascending string, so a page is a K-way merge of one Query per shard
 * (`Limit` ≈ limit/K + 2, more only from shards that may hold more of the page).
 */
export class DialogueListing {
  constructor(private readonly c: StoreContext) {}

  private source(status: DialogueStatus | undefined) {
    return status === undefined
      ? { IndexName: UPDATED_INDEX, pkName: "g2pk", skName: "g2sk", partition: allDialoguesPartition }
      : { IndexName: STATUS_INDEX, pkName: "g1pk", skName: "g1sk", partition: (shard: number) => statusPartition(status, shard) };
  }

  private async read(status: DialogueStatus | undefined, after: string | undefined, limit: number | undefined, context: string) {
    const s = this.source(status);
    return mergeShards<Item>(
      this.c.shards,
      async (shard, resume, n) => {
        const start = resume ?? after;
        const values: Item = { ":p": s.partition(shard) };
        if (start !== undefined) values[":after"] = start;
        const { items, more } = await this.c.exec.query(
          {
            IndexName: s.IndexName,
            KeyConditionExpression: start === undefined ? `${s.pkName} = :p` : `${s.pkName} = :p AND ${s.skName} > :after`,
            ExpressionAttributeValues: marshallItem(values),
            Limit: n,
          },
          context,
          (got) => got.length >= n,
        );
        return { items, resume: more ? (items[items.length - 1]![s.skName] as string) : undefined };
      },
      (a, b) => compareUtf8(a[s.skName] as string, b[s.skName] as string),
      limit,
      (item) => item.pk as string,
    );
  }

  async all(status?: DialogueStatus): Promise<DialogueSummary[]> {
    if (status !== undefined) assertDialogueStatus(status);
    const { items } = await this.read(status, undefined, undefined, "listDialogues");
    return items.map(summaryOf);
  }

  async page(q: PageRequest & { status?: DialogueStatus }): Promise<Page<DialogueSummary>> {
    const query = checkOptions(METHOD_OPTIONS.listDialoguesPage, q);
    const status = query.status;
    const limit = pageLimit(query.limit);
    const pos = decodeDialogueCursor(status, query.cursor);
    const after = pos ? listingSortKey(pos.updatedAt, pos.id) : undefined;
    const { items, more } = await this.read(status, after, limit, "listDialoguesPage");
    const summaries = items.map(summaryOf);
    return more ? { items: summaries, cursor: encodeDialogueCursor(status, summaries[summaries.length - 1]!) } : { items: summaries };
  }
}
