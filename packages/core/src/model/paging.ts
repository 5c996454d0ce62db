import { ValidationError } from "../errors";
import { decodeCursor, encodeCursor } from "../encoding/cursor";
import { utf8ByteLength } from "../encoding/utf8";
import type { DialogueStatus } from "../types/entities";
import { parseEntityRef } from "../validation/entity-refs";
import { isWellFormed } from "../validation/json";
import { LIMITS } from "../validation/limits";
import { ID_PATTERN, assertTimestamp } from "../validation/scalars";

/**
 * Paging positions shared by every backend. A cursor holds the sort key of the last item
 * of a page; the next page starts strictly after it. Each listing binds its cursors to its
 * own scope, so a cursor of one listing (or filter) is a ValidationError in another. The
 * checksum only binds a cursor to its listing, so every decoder also checks that the
 * position is one its listing can hold (a valid id, timestamp, address, key within the
 * query's prefix): a forged position is VALIDATION on every backend, never a driver error.
 * A well-formed position no item holds (deleted meanwhile) pages on strictly after it.
 */

function invalid(why = "not a cursor returned by this listing"): never {
  throw new ValidationError(`invalid cursor: ${why}`, { details: { field: "cursor" } });
}

/** True when `check` accepts the value (it throws otherwise). */
function holds(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

const isId = (s: string) => ID_PATTERN.test(s);
const isRef = (s: string) => holds(() => parseEntityRef(s));

/** Position in `listDialogues` order: (updatedAt desc, id asc). */
export interface DialoguePosition {
  updatedAt: string;
  id: string;
}

const dialogueScope = (status: DialogueStatus | undefined) => `dialogues:${status ?? "*"}`;

export function encodeDialogueCursor(status: DialogueStatus | undefined, last: DialoguePosition): string {
  return encodeCursor(dialogueScope(status), [last.updatedAt, last.id]);
}

export function decodeDialogueCursor(status: DialogueStatus | undefined, cursor: string | undefined): DialoguePosition | undefined {
  if (cursor === undefined) return undefined;
  const p = decodeCursor(dialogueScope(status), cursor);
  if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== "string" || typeof p[1] !== "string") invalid();
  if (!holds(() => assertTimestamp(p[0])) || !isId(p[1] as string)) invalid("its position is no dialogue's (updatedAt, id)");
  return { updatedAt: p[0], id: p[1] as string };
}

/** Position in document id order. */
export function encodeDocumentCursor(lastId: number): string {
  return encodeCursor("documents", lastId);
}

export function decodeDocumentCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const p = decodeCursor("documents", cursor);
  if (typeof p !== "number" || !Number.isSafeInteger(p) || p < 1) invalid("its position is no document id");
  return p;
}

/** Position in `listLinksPage` order: (from, to, kind). */
export function encodeLinkCursor(last: { from: string; to: string; kind: string }): string {
  return encodeCursor("links", [last.from, last.to, last.kind]);
}

export function decodeLinkCursor(cursor: string | undefined): [string, string, string] | undefined {
  if (cursor === undefined) return undefined;
  const p = decodeCursor("links", cursor);
  if (!Array.isArray(p) || p.length !== 3 || !p.every((x) => typeof x === "string")) invalid();
  const [from, to, kind] = p as [string, string, string];
  if (!isRef(from) || !isRef(to) || !isId(kind)) invalid("its position is no link's (from, to, kind)");
  return [from, to, kind];
}

/** Position in a generic store query: the last `sk`. */
function storeScope(name: string, pk: string, skPrefix: string, reverse: boolean): string {
  return `store:${JSON.stringify([name, pk, skPrefix, reverse])}`;
}

export function encodeStoreCursor(name: string, pk: string, skPrefix: string, reverse: boolean, lastSk: string): string {
  return encodeCursor(storeScope(name, pk, skPrefix, reverse), lastSk);
}

export function decodeStoreCursor(
  name: string,
  pk: string,
  skPrefix: string,
  reverse: boolean,
  cursor: string | undefined,
): string | undefined {
  if (cursor === undefined) return undefined;
  const p = decodeCursor(storeScope(name, pk, skPrefix, reverse), cursor);
  if (typeof p !== "string") invalid();
  if (p.length === 0 || !isWellFormed(p) || utf8ByteLength(p) > LIMITS.skMaxBytes || !p.startsWith(skPrefix))
    invalid("its position is no sort key this query returns");
  return p;
}

/**
 * Cuts one page out of a list already sorted in listing order, starting after `after`
 * (the first item for which `isAfter(item, position)` holds). A cursor is returned only when more items follow.
 */
export function pageOf<T, P>(
  sorted: readonly T[],
  limit: number,
  after: P | undefined,
  isAfter: (item: T, position: P) => boolean,
  cursorFor: (last: T) => string,
): { items: T[]; cursor?: string } {
  const start = after === undefined ? 0 : sorted.findIndex((item) => isAfter(item, after));
  if (start < 0) return { items: [] };
  const items = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return more && items.length > 0 ? { items, cursor: cursorFor(items[items.length - 1]!) } : { items };
}
