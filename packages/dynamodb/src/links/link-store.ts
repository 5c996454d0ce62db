import { iterateLinkPages } from "@blue/store-core";
import {
  assertEntityRef,
  assertOptions,
  buildLink,
  compareLinksForExport,
  compareLinksFrom,
  compareUtf8Tuples,
  compareLinksTo,
  decodeLinkCursor,
  encodeKey,
  encodeLinkCursor,
  keyPrefix,
  linkFilterKind,
  pageLimit,
  validateLinkKey,
  type EntityRef,
  type Link,
  type LinkStore,
  type NewLink,
  type Page,
  type PageRequest,
} from "@blue/store-core";
import { marshallItem, TransactionCancelled, type Item } from "../client/executor";
import type { StoreContext } from "../context";
import { BOUND, LINKS_PK, cutUtf8, isBounded, linkSortKey, type Key } from "../table/keys";
import { linkFromItem, linkKeys, linkUpserts } from "./link-items";

/**
 * Links on DynamoDB. addLink = 1 TransactWriteItems (2–4 upserts); removeLink = 1
 * TransactWriteItems; linksFrom = Query on "LINKS" by the `from` prefix; linksTo = Query on
 * the target partition; listLinksPage = 1 Query on "LINKS" per page.
 */
export class DynamoLinkStore implements LinkStore {
  constructor(private readonly c: StoreContext) {}

  async addLink(input: NewLink): Promise<void> {
    this.c.life.check();
    const link = buildLink(input, this.c.model);
    await this.c.exec.transact(linkUpserts(this.c.exec.table, link), "addLink");
  }

  async removeLink(from: EntityRef, to: EntityRef, kind: string): Promise<boolean> {
    this.c.life.check();
    const key = validateLinkKey(from, to, kind);
    const keys = linkKeys(key.from, key.to, key.kind);
    try {
      await this.c.exec.transact(
        keys.map((k, i) => ({
          Delete: { TableName: this.c.exec.table, Key: marshallItem(k), ...(i === 0 ? { ConditionExpression: "attribute_exists(pk)" } : {}) },
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
    const { items } = await this.c.exec.query(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: marshallItem({ ":pk": LINKS_PK, ":prefix": cutUtf8(keyPrefix([from]), BOUND) }),
        ConsistentRead: true,
      },
      "linksFrom",
    );
    return items.map(linkFromItem).filter((l) => l.from === from && (kind === undefined || l.kind === kind)).sort(compareLinksFrom);
  }

  async linksTo(to: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    this.c.life.check();
    assertEntityRef(to, "to");
    const kind = linkFilterKind(options);
    const values: Item = { ":pk": encodeKey(["LT", to]) };
    if (kind !== undefined) values[":prefix"] = keyPrefix([kind]);
    const { items } = await this.c.exec.query(
      {
        KeyConditionExpression: kind === undefined ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: marshallItem(values),
        ConsistentRead: true,
      },
      "linksTo",
    );
    return items.map(linkFromItem).sort(compareLinksTo);
  }

  async listLinksPage(q: PageRequest): Promise<Page<Link>> {
    this.c.life.check();
    const query = assertOptions(q ?? {}, "query");
    const limit = pageLimit(query.limit);
    const after = decodeLinkCursor(query.cursor as string | undefined);
    const afterKey = after ? linkSortKey(...after) : undefined;
    // A bounded cursor key: restart at its group (keys sharing the first BOUND bytes) and filter.
    const values: Item = { ":pk": LINKS_PK };
    let condition = "pk = :pk";
    if (afterKey !== undefined) {
      values[":after"] = isBounded(afterKey) ? cutUtf8(afterKey, BOUND) : afterKey;
      condition += isBounded(afterKey) ? " AND sk >= :after" : " AND sk > :after";
    }
    const isAfter = (l: Link) => !after || compareUtf8Tuples([l.from, l.to, l.kind], after) > 0;
    const read = await this.c.exec.query(
      { KeyConditionExpression: condition, ExpressionAttributeValues: marshallItem(values), ConsistentRead: true, Limit: limit + 1 },
      "listLinksPage",
      (got) => got.filter((i) => isAfter(linkFromItem(i))).length > limit,
    );
    const items = read.items;
    const last = items[items.length - 1];
    if (read.more && last && isBounded(linkSortKey(last.fr as string, last.tt as string, last.kd as string))) {
      // The page ends inside a group of bounded keys: read the rest of the group to order it.
      const group = await this.c.exec.query(
        {
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :group)",
          ExpressionAttributeValues: marshallItem({ ":pk": LINKS_PK, ":group": cutUtf8(last.sk as string, BOUND) }),
          ExclusiveStartKey: marshallItem({ pk: last.pk, sk: last.sk }),
          ConsistentRead: true,
        },
        "listLinksPage",
      );
      items.push(...group.items);
    }
    const links = items.map(linkFromItem).filter(isAfter).sort(compareLinksForExport);
    const page = links.slice(0, limit);
    return links.length > limit ? { items: page, cursor: encodeLinkCursor(page[page.length - 1]!) } : { items: page };
  }

  /** Deletes every link with an end at/inside the root whose partition is `rootPk` (batch deletes). */
  async removeWithinPartition(linkCopies: Item[], context: string): Promise<void> {
    const keys: Key[] = [];
    for (const copy of linkCopies) keys.push(...linkKeys(copy.fr as string, copy.tt as string, copy.kd as string));
    await this.c.exec.batchWrite([], keys, context);
  }

  /** Every link by (from, to, kind), a page at a time (core's `iterateLinkPages`). */
  iterateLinks(...args: Parameters<LinkStore["iterateLinks"]>): ReturnType<LinkStore["iterateLinks"]> {
    return iterateLinkPages(this, ...args);
  }
}
