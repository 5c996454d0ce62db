import { ValidationError } from "../errors";
import { isWellFormed } from "../validation/json";
import { LIMITS } from "../validation/limits";

function fail(field: string, message: string): never {
  throw new ValidationError(`${field}: ${message}`, { details: { field } });
}

/**
 * Checks, without copying, that `value` is JSON by the rules of `normalizeJson` (finite
 * numbers, well-formed strings, plain objects, arrays without holes or undefined, nesting
 * ≤ 32), so `JSON.stringify(value)` is its canonical JSON (undefined properties dropped, -0
 * written as 0). The generic store's hot path: no copy is made before serialising.
 */
export function assertJsonShape(value: unknown, field: string, depth = 0): void {
  switch (typeof value) {
    case "string":
      if (!isWellFormed(value)) fail(field, "string contains a lone UTF-16 surrogate");
      return;
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) fail(field, `${value} is not a finite number`);
      return;
    case "object":
      if (value === null) return;
      break;
    default:
      fail(field, `a ${typeof value} is not a JSON value`);
  }
  if (depth >= LIMITS.jsonMaxDepth) fail(field, `JSON nesting deeper than ${LIMITS.jsonMaxDepth} levels`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === undefined) fail(`${field}[${i}]`, "arrays may not hold undefined or holes");
      assertJsonShape(v, `${field}[${i}]`, depth + 1);
    }
    return;
  }
  // Plain objects only: a prototype of null or of some realm's Object.prototype.
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    fail(field, `a ${(value as object).constructor?.name ?? "object"} instance is not a plain JSON object`);
  }
  if (Object.getOwnPropertySymbols(value).length > 0) fail(field, "symbol keys are not JSON");
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!isWellFormed(k)) fail(field, "a key contains a lone UTF-16 surrogate");
    assertJsonShape(v, `${field}.${k}`, depth + 1);
  }
}
