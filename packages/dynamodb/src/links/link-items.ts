import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { Link } from "@blue/store-core";
import { keyPrefix, parseEntityRef } from "@blue/store-core/engine";
import { marshallItem, type Item } from "../client/executor";
import { dialoguePk, documentPk, linkCopySk, linkListingKey, linkSourceKey, linkTargetKey, type Key } from "../table/keys";

/**
 * A link is stored under its own ends and nowhere every link goes: the source item
 * (("LF", from), (kind, to)), the target item (("LT", to), (kind, from)), the listing item
 * (("LS", shard of (from, to, kind)), (from, to, kind)) that `listLinksPage` merges over the
 * shards, and one copy in the partition of each end's root entity when that root is a
 * dialogue or a document (so deleting or exporting the root finds its links with one Query).
 * Attributes: fr, tt, kd, ca (createdAt), md (metadata JSON).
 */

/** The partition of the root entity of `ref`, when the root is a dialogue or a document. */
export function rootPartition(ref: string): string | undefined {
  const root = parseEntityRef(ref)[0]!;
  if (root.type === "dialogue") return dialoguePk(root.id);
  if (root.type === "document") return documentPk(Number(root.id));
  return undefined;
}

/** Every key a link occupies (the source item first). */
export function linkKeys(from: string, to: string, kind: string, shards: number): Key[] {
  const keys = [linkSourceKey(from, to, kind), linkTargetKey(from, to, kind), linkListingKey(from, to, kind, shards)];
  const roots = new Set([rootPartition(from), rootPartition(to)].filter((p): p is string => p !== undefined));
  for (const pk of roots) keys.push({ pk, sk: linkCopySk(from, to, kind) });
  return keys;
}

/** The stored items of a link (for imports: puts). */
export function linkItems(link: Link, shards: number): Item[] {
  const body: Item = { fr: link.from, tt: link.to, kd: link.kind, ca: link.createdAt };
  if (link.metadata !== undefined) body.md = JSON.stringify(link.metadata);
  return linkKeys(link.from, link.to, link.kind, shards).map((k) => ({ ...k, ...body }));
}

/** Transaction actions of addLink: upserts that keep an existing createdAt. */
export function linkUpserts(table: string, link: Link, shards: number): TransactWriteItem[] {
  const names = { "#ca": "ca", "#fr": "fr", "#tt": "tt", "#kd": "kd", "#md": "md" };
  const values: Item = { ":ca": link.createdAt, ":fr": link.from, ":tt": link.to, ":kd": link.kind };
  let expr = "SET #ca = if_not_exists(#ca, :ca), #fr = :fr, #tt = :tt, #kd = :kd";
  if (link.metadata !== undefined) {
    values[":md"] = JSON.stringify(link.metadata);
    expr += ", #md = :md";
  } else expr += " REMOVE #md";
  return linkKeys(link.from, link.to, link.kind, shards).map((key) => ({
    Update: {
      TableName: table,
      Key: marshallItem(key),
      UpdateExpression: expr,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshallItem(values),
    },
  }));
}

/** A link from its stored item. */
export function linkFromItem(item: Item): Link {
  const link: Link = { from: item.fr as string, to: item.tt as string, kind: item.kd as string, createdAt: item.ca as string };
  if (typeof item.md === "string") link.metadata = JSON.parse(item.md);
  return link;
}

/** The sk prefix of link copies inside a root partition. */
export const LINK_COPY_PREFIX = keyPrefix(["L"]);
