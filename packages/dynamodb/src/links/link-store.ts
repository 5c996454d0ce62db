import {
  assertEntityRef,
  assertOptions,
  buildLink,
  compareLinksFrom,
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
import { LINKS_PK, linkCopySk, type Key } from "../table/keys";
import { LINK_COPY_PREFIX, linkFromItem, linkKeys, linkUpserts } from "./link-items";

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
        ExpressionAttributeValues: marshallItem({ ":pk": LINKS_PK, ":prefix": keyPrefix([from]) }),
        ConsistentRead: true,
      },
      "linksFrom",
    );
    return items.map(linkFromItem).filter((l) => kind === undefined || l.kind === kind).sort(compareLinksFrom);
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
    const values: Item = { ":pk": LINKS_PK };
    if (after) values[":after"] = encodeKey(after);
    const { items } = await this.c.exec.query(
      {
        KeyConditionExpression: after ? "pk = :pk AND sk > :after" : "pk = :pk",
        ExpressionAttributeValues: marshallItem(values),
        ConsistentRead: true,
        Limit: limit + 1,
      },
      "listLinksPage",
      (got) => got.length > limit,
    );
    const links = items.slice(0, limit).map(linkFromItem);
    return items.length > limit ? { items: links, cursor: encodeLinkCursor(links[links.length - 1]!) } : { items: links };
  }

  /** Deletes every link with an end at/inside the root whose partition is `rootPk` (batch deletes). */
  async removeWithinPartition(linkCopies: Item[], context: string): Promise<void> {
    const keys: Key[] = [];
    for (const copy of linkCopies) keys.push(...linkKeys(copy.fr as string, copy.tt as string, copy.kd as string));
    await this.c.exec.batchWrite([], keys, context);
  }

  /** The link copies stored in a root partition (links with an end at/inside that root). */
  async copiesIn(rootPk: string, context: string): Promise<Item[]> {
    const { items } = await this.c.exec.query(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: marshallItem({ ":pk": rootPk, ":prefix": LINK_COPY_PREFIX }),
        ConsistentRead: true,
      },
      context,
    );
    return items;
  }
}

export { linkCopySk };
