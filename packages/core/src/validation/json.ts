import { ItemTooLargeError, ValidationError } from "../errors";
import { utf8ByteLength } from "../encoding/utf8";
import type { JsonObject, JsonValue } from "../types/json";
import { LIMITS } from "./limits";

function fail(field: string, message: string): never {
  throw new ValidationError(`${field}: ${message}`, { details: { field } });
}

/** True for a string with no lone UTF-16 surrogate (it can be stored as UTF-8 unchanged). */
export function isWellFormed(s: string): boolean {
  return (s as string & { isWellFormed(): boolean }).isWellFormed();
}

function copyJson(value: unknown, field: string, depth: number): JsonValue {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
      if (!isWellFormed(value)) fail(field, "string contains a lone UTF-16 surrogate");
      return value;
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) fail(field, `${value} is not a finite number`);
      return Object.is(value, -0) ? 0 : value;
    case "object":
      break;
    default:
      fail(field, `a ${typeof value} is not a JSON value`);
  }
  if (depth >= LIMITS.jsonMaxDepth) fail(field, `JSON nesting deeper than ${LIMITS.jsonMaxDepth} levels`);
  if (Array.isArray(value)) {
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) fail(`${field}[${i}]`, "arrays may not hold undefined or holes");
      out[i] = copyJson(value[i], `${field}[${i}]`, depth + 1);
    }
    return out;
  }
  // A plain object's prototype is null or some realm's Object.prototype (whose own prototype
  // is null): objects made in another realm (vm, jest sandboxes, structuredClone) are plain too.
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    const name = (value as object).constructor?.name ?? "object";
    fail(field, `a ${name} instance is not a plain JSON object`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) fail(field, "symbol keys are not JSON");
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (!isWellFormed(k)) fail(field, "a key contains a lone UTF-16 surrogate");
    const copy = copyJson(v, `${field}.${k}`, depth + 1);
    // Plain assignment keeps the copy a fast object; only "__proto__" needs defineProperty
    // (assigning it would set the prototype instead of an own property).
    if (k === "__proto__") Object.defineProperty(out, k, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[k] = copy;
  }
  return out;
}

/** Validates a JSON value and returns a clean deep copy (undefined properties dropped, -0 as 0). */
export function normalizeJson(value: unknown, field = "value"): JsonValue {
  if (value === undefined) fail(field, "undefined is not a JSON value");
  return copyJson(value, field, 0);
}

/** Validates a JSON object (not an array, not null) and returns a clean deep copy. */
export function normalizeJsonObject(value: unknown, field = "value"): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(field, "must be a JSON object");
  return normalizeJson(value, field) as JsonObject;
}

/** The size of a JSON value as UTF-8 JSON text. */
export function jsonByteLength(value: JsonValue | object): number {
  return utf8ByteLength(JSON.stringify(value));
}

/** Fails with ItemTooLargeError when `value` as JSON exceeds `max` bytes (default: the item limit). */
export function assertJsonSize(value: JsonValue | object, what: string, max: number = LIMITS.itemMaxBytes): void {
  const size = jsonByteLength(value);
  if (size > max) {
    throw new ItemTooLargeError(`${what} is ${size} bytes as JSON; the limit is ${max} bytes`, {
      details: { size, limit: max },
    });
  }
}
