import { ItemTooLargeError, ValidationError } from "../errors";
import { utf8ByteLength } from "../encoding/utf8";
import type { KeySchema } from "../types/stores";
import { isWellFormed } from "../validation/json";
import { assertJsonShape } from "./item-json";
import { LIMITS } from "../validation/limits";

/** Schema names: a letter, then letters, digits, `.`, `_`, `-`; at most 64 characters. */
export const STORE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/** Validates a generic store's key schema. */
export function assertKeySchema<T>(schema: KeySchema<T>): KeySchema<T> {
  if (typeof schema !== "object" || schema === null || typeof schema.key !== "function") {
    throw new ValidationError("schema must be { name, key(item) }", { details: { field: "schema" } });
  }
  if (typeof schema.name !== "string" || !STORE_NAME_PATTERN.test(schema.name)) {
    throw new ValidationError(`schema.name: ${JSON.stringify(schema.name)} must match ${STORE_NAME_PATTERN.source}`, {
      details: { field: "schema.name" },
    });
  }
  return schema;
}

function assertKeyString(value: unknown, field: "pk" | "sk", max: number): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new ValidationError(`${field}: must be a non-empty string`, { details: { field } });
  }
  if (!isWellFormed(value)) throw new ValidationError(`${field}: contains a lone UTF-16 surrogate`, { details: { field } });
  // A UTF-16 code unit is at most 3 bytes of UTF-8: short keys need no count.
  const size = value.length * 3 <= max ? 0 : utf8ByteLength(value);
  if (size > max) {
    throw new ValidationError(`${field}: ${size} bytes; keys are 1 to ${max} bytes of UTF-8`, { details: { field, size, limit: max } });
  }
  return value;
}

/** Validates a (pk, sk) pair: 1–2048 and 1–1024 bytes of well-formed UTF-8. */
export function assertItemKey(pk: unknown, sk: unknown): { pk: string; sk: string } {
  return { pk: assertKeyString(pk, "pk", LIMITS.pkMaxBytes), sk: assertKeyString(sk, "sk", LIMITS.skMaxBytes) };
}

/** Validates a query's pk and sk prefix (the prefix may be empty). */
export function assertQueryKey(pk: unknown, skPrefix: unknown): { pk: string; skPrefix: string } {
  const key = assertKeyString(pk, "pk", LIMITS.pkMaxBytes);
  if (typeof skPrefix !== "string") throw new ValidationError("skPrefix: must be a string", { details: { field: "skPrefix" } });
  if (!isWellFormed(skPrefix)) throw new ValidationError("skPrefix: contains a lone UTF-16 surrogate", { details: { field: "skPrefix" } });
  if (utf8ByteLength(skPrefix) > LIMITS.skMaxBytes) {
    throw new ValidationError(`skPrefix: longer than ${LIMITS.skMaxBytes} bytes`, { details: { field: "skPrefix" } });
  }
  return { pk: key, skPrefix };
}

/** A validated generic item: its key, the item, and its canonical JSON text. */
export interface PreparedItem<T extends object> {
  pk: string;
  sk: string;
  item: T;
  json: string;
}

/**
 * Validates an item, derives its key and checks the 350 KiB limit, in one pass over the item
 * (a shape check without copying, then one `JSON.stringify`, which drops undefined properties
 * and writes -0 as 0). The key function sees the caller's item.
 */
export function prepareItem<T extends object>(schema: KeySchema<T>, item: T, field = "item"): PreparedItem<T> {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new ValidationError(`${field}: must be a JSON object`, { details: { field } });
  }
  assertJsonShape(item, field);
  let key: { pk: string; sk: string };
  try {
    key = schema.key(item);
  } catch (cause) {
    throw new ValidationError(`schema ${schema.name}: key(item) threw: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
      details: { field },
    });
  }
  if (typeof key !== "object" || key === null)
    throw new ValidationError(`schema ${schema.name}: key(item) must return { pk, sk }`, { details: { field } });
  const { pk, sk } = assertItemKey(key.pk, key.sk);
  const json = JSON.stringify(item);
  // A UTF-16 code unit is at most 3 bytes of UTF-8: short texts need no count.
  if (json.length * 3 > LIMITS.itemMaxBytes) {
    const size = utf8ByteLength(json);
    if (size > LIMITS.itemMaxBytes) {
      throw new ItemTooLargeError(`the item is ${size} bytes as JSON; the limit is ${LIMITS.itemMaxBytes} bytes`, {
        details: { size, limit: LIMITS.itemMaxBytes },
      });
    }
  }
  return { pk, sk, item, json };
}
