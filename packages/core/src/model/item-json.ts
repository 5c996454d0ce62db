import { ValidationError } from "../errors";
import { isWellFormed, normalizeJson } from "../validation/json";
import { LIMITS } from "../validation/limits";

const OBJECT_PROTOTYPE = Object.prototype;

/** True when `v` is a JSON value by the rules of `normalizeJson` (no paths kept: the hot path). */
function isJson(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case "string":
      return isWellFormed(v);
    case "number":
      return Number.isFinite(v);
    case "boolean":
      return true;
    case "object":
      return v === null || isJsonContainer(v, depth + 1);
    default:
      return false;
  }
}

function isJsonContainer(value: object, depth: number): boolean {
  if (depth > LIMITS.jsonMaxDepth) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === undefined || !isJson(v, depth)) return false;
    }
    return true;
  }
  // Plain objects only: a prototype of null or of some realm's Object.prototype.
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto !== OBJECT_PROTOTYPE && Object.getPrototypeOf(proto) !== null) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  const obj = value as Record<string, unknown>;
  // for-in walks the enum cache without allocating; inherited keys (a polluted prototype) are skipped.
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue;
    const v = obj[k];
    if (v !== undefined && (!isWellFormed(k) || !isJson(v, depth))) return false;
  }
  return true;
}

/**
 * Checks, without copying, that `value` is JSON by the rules of `normalizeJson` (finite
 * numbers, well-formed strings, plain objects, arrays without holes or undefined, nesting
 * ≤ 32), so `JSON.stringify(value)` is its canonical JSON (undefined properties dropped, -0
 * written as 0). The generic store's hot path: one walk keeping no paths; only a value that
 * fails is walked again by `normalizeJson`, for the error that names the path.
 */
export function assertJsonShape(value: unknown, field: string): void {
  if (isJson(value, -1)) return;
  normalizeJson(value, field);
  throw new ValidationError(`${field}: not a JSON value`, { details: { field } });
}
