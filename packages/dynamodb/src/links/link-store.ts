import {
  METHOD_OPTIONS,
  checkOptions,
  iterateLinkPages,
  assertEntityRef,
  buildLink,
  compareLinksForExport,
  compareLinksFrom,
  compareUtf8Tuples,
  compareLinksTo,
  decodeLinkCursor,
  encodeLinkCursor,
  keyPrefix,
  linkFilterKind,
  pageLimit,
  validateLinkKey,
} from "@blue/store-core/engine";
import type { EntityRef, Link, LinkStore, NewLink, Page, PageRequest } from "@blue/store-core";
import { marshallItem, TransactionCancelled, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { BOUND, cutUtf8, isBounded, linkListingPk, linkSortKey, linkSourcePk, linkTargetPk, type Key } from "../table/keys";
import { mergeShards } from "../table/shard-merge";
import { linkFromItem, linkKeys, linkUpserts } from "./link-items";
import { hiddenEnds } from "./visibility";

type Position = [string, string, string];

/**
 * Links on DynamoDB, keyed by their own ends. addLink = 1 TransactWriteItems (3–5 upserts);
 * removeLink = 1 TransactWriteItems; linksFrom = Query on ("LF", from); linksTo = Query on
 * ("LT", to); listLinksPage = a merge of one Query per listing shard. Links with an end in a
 * dialogue whose delete or import is under way are left out of every read (one BatchGetItem
 * of those dialogues' headers).
 */
export class DynamoLinkStore implements LinkStore {
  constructor(private readonly c: StoreContext) {}

  async addLink(input: NewLink): Promise<void> {
    this.c.life.check();
    const link = buildLink(input, this.c.model);
    await this.c.exec.transact(linkUpserts(this.c.exec.table, link, this.c.shards), "addLink");
  }

  async removeLink(from: EntityRef, to: EntityRef, kind: string): Promise<boolean> {
    this.c.life.check();
    const key = validateLinkKey(from, to, kind);
    const keys = linkKeys(key.from, key.to, key.kind, this.c.shards);
    try {
      await this.c.exec.transact(
        keys.map((k, i) => ({
          Delete: {
            TableName: this.c.exec.table,
            Key: marshallItem(k),
            ...(i === 0 ? { ConditionExpression: "attribute_exists(pk)" } : {}),
          },
        })),
        "removeLink",
      );
      return true;
    } catch (e) {
      if (e instanceof TransactionCancelled && e.reasonAt(0) === "ConditionalCheckFailed") return false;
      throw e;
    }
  }

  async linksFrom(from: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    this.c.life.check();
    assertEntityRef(from, "from");
    const kind = linkFilterKind(options);
    return (await this.visible(await this.byEnd(linkSourcePk(from), kind, "linksFrom"))).sort(compareLinksFrom);
  }

  async linksTo(to: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    this.c.life.check();
    assertEntityRef(to, "to");
    const kind = linkFilterKind(options, "linksTo");
    return (await this.visible(await this.byEnd(linkTargetPk(to), kind, "linksTo"))).sort(compareLinksTo);
  }

  /** Every link in an end's partition (sort key (kind, other end)), optionally of one kind. */
  private async byEnd(pk: string, kind: string | undefined, context: string): Promise<Link[]> {
    const values: Item = { ":pk": pk };
    if (kind !== undefined) values[":prefix"] = keyPrefix([kind]);
    const { items } = await this.c.exec.query(
      {
        KeyConditionExpression: kind === undefined ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: marshallItem(values),
        ConsistentRead: true,
      },
      context,
    );
    return items.map(linkFromItem);
  }

  async listLinksPage(q: PageRequest): Promise<Page<Link>> {
    this.c.life.check();
    const query = checkOptions(METHOD_OPTIONS.listLinksPage, q);
    const limit = pageLimit(query.limit);
    let after: Position | undefined = decodeLinkCursor(query.cursor);
    const out: Link[] = [];
    for (;;) {
      const { items, more } = await mergeShards<Link>(
        this.c.shards,
        (shard, resume, n) => this.readShard(shard, after, resume, n),
        compareLinksForExport,
        limit - out.length,
      );
      out.push(...(await this.visible(items)));
      if (!more) return { items: out };
      if (out.length >= limit) return { items: out, cursor: encodeLinkCursor(out[out.length - 1]!) };
      const last = items[items.length - 1]!;
      after = [last.from, last.to, last.kind];
    }
  }

  /**
   * Up to about `n` links of one listing shard after `after`, in (from, to, kind) order. A
   * bounded key (over BOUND bytes) sorts exactly only among keys not sharing its first BOUND
   * bytes: a read ending inside such a group reads the rest of the group, and a cursor inside
   * one restarts at the group and filters.
   */
  private async readShard(shard: number, after: Position | undefined, resume: string | undefined, n: number) {
    const pk = linkListingPk(shard);
    const afterKey = after ? linkSortKey(...after) : undefined;
    const values: Item = { ":pk": pk };
    let condition = "pk = :pk";
    if (resume !== undefined) {
      values[":after"] = resume;
      condition += " AND sk > :after";
    } else if (afterKey !== undefined) {
      values[":after"] = isBounded(afterKey) ? cutUtf8(afterKey, BOUND) : afterKey;
      condition += isBounded(afterKey) ? " AND sk >= :after" : " AND sk > :after";
    }
    const read = await this.c.exec.query(
      { KeyConditionExpression: condition, ExpressionAttributeValues: marshallItem(values), ConsistentRead: true, Limit: n },
      "listLinksPage",
      (got) => got.length >= n,
    );
    const items = read.items;
    const last = items[items.length - 1];
    if (read.more && last && isBounded(linkSortKey(last.fr as string, last.tt as string, last.kd as string))) {
      const group = await this.c.exec.query(
        {
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :group)",
          ExpressionAttributeValues: marshallItem({ ":pk": pk, ":group": cutUtf8(last.sk as string, BOUND) }),
          ExclusiveStartKey: marshallItem({ pk: last.pk, sk: last.sk }),
          ConsistentRead: true,
        },
        "listLinksPage",
      );
      items.push(...group.items);
    }
    const isAfter = (l: Link) => !after || compareUtf8Tuples([l.from, l.to, l.kind], after) > 0;
    const links = items.map(linkFromItem).filter(isAfter).sort(compareLinksForExport);
    return { items: links, resume: read.more ? (items[items.length - 1]!.sk as string) : undefined };
  }

  /** The links of `links` whose ends are visible: no end inside a dialogue being deleted or imported (other than `except`). */
  async visible(links: Link[], except?: string): Promise<Link[]> {
    const hidden = await hiddenEnds(this.c.exec, links, except);
    return hidden.size === 0 ? links : links.filter((l) => !hidden.has(l.from) && !hidden.has(l.to));
  }

  /** Deletes every link with an end at/inside the root whose partition is `rootPk` (batch deletes). */
  async removeWithinPartition(linkCopies: Item[], context: string): Promise<void> {
    const keys: Key[] = [];
    for (const copy of linkCopies) keys.push(...linkKeys(copy.fr as string, copy.tt as string, copy.kd as string, this.c.shards));
    await this.c.exec.batchWrite([], keys, context);
  }

  /** Every link by (from, to, kind), a page at a time (core's `iterateLinkPages`). */
  iterateLinks(...args: Parameters<LinkStore["iterateLinks"]>): ReturnType<LinkStore["iterateLinks"]> {
    return iterateLinkPages(this, ...args);
  }
}
