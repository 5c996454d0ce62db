import { ItemTooLargeError, ValidationError } from "../errors";
import { utf8ByteLength } from "../encoding/utf8";
import { isWellFormed } from "./json";
import { LIMITS } from "./limits";

function fail(field: string, message: string): never {
  throw new ValidationError(`${field}: ${message}`, { details: { field } });
}

/** The pattern of dialogue, perspective and tension ids. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** The pattern of ISO-8601 UTC timestamps with milliseconds. */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An entity id: `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`. */
export function assertId(value: unknown, field = "id"): string {
  if (typeof value !== "string" || !ID_PATTERN.test(value)) {
    fail(
      field,
      `${JSON.stringify(value) ?? String(value)} is not a valid id (1-128 of A-Z a-z 0-9 . _ : -, starting with a letter or digit)`,
    );
  }
  return value;
}

/** A string (optionally non-empty) with no lone surrogate. */
export function assertString(value: unknown, field: string, options: { nonEmpty?: boolean } = {}): string {
  if (typeof value !== "string") fail(field, "must be a string");
  if (options.nonEmpty && value.length === 0) fail(field, "must not be empty");
  if (!isWellFormed(value)) fail(field, "contains a lone UTF-16 surrogate");
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Field checks of a string that already matches TIMESTAMP_PATTERN (no Date round trip: hot path). */
function isRealInstant(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > days) return false;
  return Number(value.slice(11, 13)) <= 23 && Number(value.slice(14, 16)) <= 59 && Number(value.slice(17, 19)) <= 59;
}

/** An ISO-8601 UTC timestamp with milliseconds that names a real instant. */
export function assertTimestamp(value: unknown, field = "timestamp"): string {
  if (typeof value !== "string" || !TIMESTAMP_PATTERN.test(value)) {
    fail(field, "must be an ISO-8601 UTC timestamp with milliseconds, like 2026-02-02T10:00:00.000Z");
  }
  if (!isRealInstant(value)) fail(field, `${value} is not a real instant`);
  return value;
}

/** An integer in [min, max]. */
export function assertInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** A round number: an integer from 0 to LIMITS.roundMax. */
export function assertRound(value: unknown, field = "round"): number {
  return assertInteger(value, field, 0, LIMITS.roundMax);
}

/** A document id: an integer from 1 to LIMITS.documentIdMax (2^53 − 1). */
export function assertDocumentId(value: unknown, field = "id"): number {
  return assertInteger(value, field, 1, LIMITS.documentIdMax);
}

/** One of the allowed literal values. */
export function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(field, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return value as T;
}

/** A page size: undefined gives the default; otherwise an integer from 1 to LIMITS.pageMaxLimit. */
export function pageLimit(value: unknown, defaultLimit: number = LIMITS.pageDefaultLimit, field = "limit"): number {
  if (value === undefined) return defaultLimit;
  return assertInteger(value, field, 1, LIMITS.pageMaxLimit);
}

/** A plain options object (or undefined). */
export function assertOptions(value: unknown, field = "options"): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(field, "must be an object");
  return value as Record<string, unknown>;
}

/** Fails with ItemTooLargeError when `s` exceeds `max` UTF-8 bytes. */
export function assertMaxBytes(s: string, max: number, what: string): void {
  const size = utf8ByteLength(s);
  if (size > max) {
    throw new ItemTooLargeError(`${what} is ${size} bytes; the limit is ${max} bytes`, { details: { size, limit: max } });
  }
}

/** The later of two timestamps (they compare as strings because their form is fixed). */
export function laterTimestamp(a: string, b: string): string {
  return a >= b ? a : b;
}
