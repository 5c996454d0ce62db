import { marshallItem, type Item } from "../client/executor";
import { TTL_ATTRIBUTE } from "../table/schema";

/**
 * Expiry of generic items on DynamoDB. Two attributes: `xat`, the expiry in ms, which every
 * read and condition compares with the store's clock (exact, and in force before DynamoDB
 * removes anything), and the table's TTL attribute, the same instant in whole seconds
 * (rounded up), by which DynamoDB's native TTL deletes expired items in the background.
 */
export const EXPIRES_MS = "xat";

/** The expiry attributes of an item that expires at `expiresAt` (none when undefined). */
export function expiryAttributes(expiresAt: number | undefined): Item {
  return expiresAt === undefined ? {} : { [EXPIRES_MS]: expiresAt, [TTL_ATTRIBUTE]: Math.ceil(expiresAt / 1000) };
}

/** True when a stored item is live at `now`. */
export function isLiveItem(item: Item, now: number): boolean {
  const at = item[EXPIRES_MS];
  return typeof at !== "number" || at > now;
}

/** Expression parts for "no live item has this key" / "a live item has this key". */
export function conditionOf(kind: "absent" | "present", now: number) {
  return {
    ConditionExpression:
      kind === "absent"
        ? "attribute_not_exists(pk) OR #xat <= :now"
        : "attribute_exists(pk) AND (attribute_not_exists(#xat) OR #xat > :now)",
    ExpressionAttributeNames: { "#xat": EXPIRES_MS },
    ExpressionAttributeValues: marshallItem({ ":now": now }),
  };
}
