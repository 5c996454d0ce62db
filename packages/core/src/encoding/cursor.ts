import { ValidationError } from "../errors";
import type { JsonValue } from "../types/json";

const CURSOR_VERSION = 1;

/** A 32-bit FNV-1a hash, used to bind a cursor to the query that made it. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * Encodes a paging position as an opaque, versioned cursor bound to `scope` (a string
 * that identifies the query: the listing, its filter, its direction). The position is
 * the sort key of the last item returned; the next page starts strictly after it.
 */
export function encodeCursor(scope: string, position: JsonValue): string {
  const payload = JSON.stringify({ v: CURSOR_VERSION, q: fnv1a(scope), p: position });
  return Buffer.from(payload, "utf8").toString("base64url");
}

/** Decodes a cursor made by `encodeCursor` for the same scope, or fails with a ValidationError. */
export function decodeCursor(scope: string, cursor: unknown): JsonValue {
  if (typeof cursor !== "string" || cursor.length === 0 || cursor.length > 8192 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new ValidationError("invalid cursor: not a cursor returned by this listing", { details: { field: "cursor" } });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch (cause) {
    throw new ValidationError("invalid cursor: not a cursor returned by this listing", { cause, details: { field: "cursor" } });
  }
  const c = parsed as { v?: unknown; q?: unknown; p?: unknown } | null;
  if (typeof c !== "object" || c === null || c.v !== CURSOR_VERSION || !("p" in c)) {
    throw new ValidationError("invalid cursor: unknown cursor version", { details: { field: "cursor" } });
  }
  if (c.q !== fnv1a(scope)) {
    throw new ValidationError("invalid cursor: it belongs to another listing or filter", { details: { field: "cursor" } });
  }
  return c.p as JsonValue;
}
