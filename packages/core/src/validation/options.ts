import { ValidationError } from "../errors";
import { ID_PATTERN, TIMESTAMP_PATTERN, assertTimestamp } from "./scalars";

/**
 * A small declarative checker for the options objects of every method. An options argument is
 * `undefined` or an object; each of its properties is `undefined` (absent) or a value of the
 * option's type. A wrong type, a value outside the option's range or set, or a property that is
 * no option of the method is VALIDATION with `details.field` = `options.<name>` and a message
 * naming the expected type and the value given — the same on every backend.
 */

/** The type of one option: what it expects (for the message) and whether a value is one. */
export interface OptionType<V> {
  /** Reads as "must be <expected>", e.g. "a boolean", "an integer from 1 to 1000". */
  readonly expected: string;
  accepts(value: unknown): value is V;
}

/** The options of one method: their names and types. */
export interface OptionSpec<S extends Record<string, OptionType<unknown>>> {
  /** The method, for the message of an unknown option (`query`, `store.put`). */
  readonly method: string;
  readonly options: S;
}

/** The checked options: each present property has its option's type. */
export type OptionValues<S extends Record<string, OptionType<unknown>>> = { [K in keyof S]?: S[K] extends OptionType<infer V> ? V : never };

/** How a wrong value is shown in a message. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case "number":
      return Number.isNaN(value) ? "NaN" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

/** Option types. */
export const optionTypes = {
  boolean: { expected: "a boolean (true or false)", accepts: (v: unknown): v is boolean => typeof v === "boolean" } as OptionType<boolean>,
  string: { expected: "a string", accepts: (v: unknown): v is string => typeof v === "string" } as OptionType<string>,
  /** An integer in [min, max]. */
  integer(min: number, max: number): OptionType<number> {
    return {
      expected: `an integer from ${min} to ${max}`,
      accepts: (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max,
    };
  },
  /** One of the listed strings. */
  oneOf<T extends string>(values: readonly T[]): OptionType<T> {
    return {
      expected: `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
      accepts: (v: unknown): v is T => typeof v === "string" && (values as readonly string[]).includes(v),
    };
  },
  /** An ISO-8601 UTC timestamp with milliseconds naming a real instant. */
  timestamp: {
    expected: "an ISO-8601 UTC timestamp with milliseconds naming a real instant, like 2026-02-02T10:00:00.000Z",
    accepts: (v: unknown): v is string => {
      if (typeof v !== "string" || !TIMESTAMP_PATTERN.test(v)) return false;
      try {
        assertTimestamp(v);
        return true;
      } catch {
        return false;
      }
    },
  } as OptionType<string>,
  /** An id (`ID_PATTERN`): a link kind. */
  id: {
    expected: "an id (1-128 of A-Z a-z 0-9 . _ : -, starting with a letter or digit)",
    accepts: (v: unknown): v is string => typeof v === "string" && ID_PATTERN.test(v),
  } as OptionType<string>,
};

/** Declares the options of a method. */
export function defineOptions<S extends Record<string, OptionType<unknown>>>(method: string, options: S): OptionSpec<S> {
  return { method, options };
}

/**
 * Checks an options argument against its spec and returns its defined properties (a fresh
 * object; the caller's is never kept). `field` names the argument in errors.
 */
export function checkOptions<S extends Record<string, OptionType<unknown>>>(
  spec: OptionSpec<S>,
  value: unknown,
  field = "options",
): OptionValues<S> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ValidationError(`${field}: must be an object (the options of ${spec.method}), got ${describeValue(value)}`, {
      details: { field, expected: "an object" },
    });
  }
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const given = (value as Record<string, unknown>)[name];
    if (given === undefined) continue;
    const path = `${field}.${name}`;
    const type = Object.hasOwn(spec.options, name) ? spec.options[name] : undefined;
    if (type === undefined) {
      const known = Object.keys(spec.options).join(", ");
      throw new ValidationError(`${path}: ${spec.method} has no option ${JSON.stringify(name)} (its options: ${known || "none"})`, {
        details: { field: path },
      });
    }
    if (!type.accepts(given)) {
      throw new ValidationError(`${path}: must be ${type.expected}, got ${describeValue(given)}`, {
        details: { field: path, expected: type.expected },
      });
    }
    out[name] = given;
  }
  return out as OptionValues<S>;
}
