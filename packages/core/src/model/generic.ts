import { ItemTooLargeError, ValidationError } from "../errors";
import { utf8ByteLength } from "../encoding/utf8";
import type { KeySchema } from "../types/stores";
import type { JsonObject } from "../types/json";
import { isWellFormed, normalizeJsonObject } from "../validation/json";
import { LIMITS } from "../validation/limits";

/** Schema names: a letter, then letters, digits, `.`, `_`, `-`; at most 64 characters. */
export const STORE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/** Validates a generic store's key schema. */
export function assertKeySchema<T>(schema: KeySchema<T>): KeySchema<T> {
  if (typeof schema !== "object" || schema === null || typeof schema.key !== "function") {
    throw new ValidationError("schema must be { name, key(item) }", { details: { field: "schema" } });
  }
  if (typeof schema.name !== "string" || !STORE_NAME_PATTERN.test(schema.name)) {
    throw new ValidationError(`schema.name: ${JSON.stringify(schema.name)} must match ${STORE_NAME_PATTERN.source}`, { details: { field: "schema.name" } });
  }
  return schema;
}

function assertKeyString(value: unknown, field: "pk" | "sk", max: number): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new ValidationError(`${field}: must be a non-empty string`, { details: { field } });
  }
  if (!isWellFormed(value)) throw new ValidationError(`${field}: contains a lone UTF-16 surrogate`, { details: { field } });
  const size = utf8ByteLength(value);
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

/** A validated generic item: its key, its canonical JSON copy and that JSON's text. */
export interface PreparedItem<T extends JsonObject> {
  pk: string;
  sk: string;
  item: T;
  json: string;
}

/** Validates an item, derives its key and checks the 350 KiB limit. */
export function prepareItem<T extends JsonObject>(schema: KeySchema<T>, item: T): PreparedItem<T> {
  const clean = normalizeJsonObject(item, "item") as T;
  let key: { pk: string; sk: string };
  try {
    key = schema.key(clean);
  } catch (cause) {
    throw new ValidationError(`schema ${schema.name}: key(item) threw: ${cause instanceof Error ? cause.message : String(cause)}`, { cause, details: { field: "item" } });
  }
  if (typeof key !== "object" || key === null) throw new ValidationError(`schema ${schema.name}: key(item) must return { pk, sk }`, { details: { field: "item" } });
  const { pk, sk } = assertItemKey(key.pk, key.sk);
  const json = JSON.stringify(clean);
  const size = utf8ByteLength(json);
  if (size > LIMITS.itemMaxBytes) {
    throw new ItemTooLargeError(`the item is ${size} bytes as JSON; the limit is ${LIMITS.itemMaxBytes} bytes`, { details: { size, limit: LIMITS.itemMaxBytes } });
  }
  return { pk, sk, item: clean, json };
}
