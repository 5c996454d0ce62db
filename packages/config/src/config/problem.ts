import { ConfigError, type StoreErrorDetails } from "@blue/store-core";
import { locateKey } from "./locate";

/** Where a value came from: a key of a config file, or an environment variable. */
export type ValueOrigin =
  | { kind: "file"; source: string; text: string; path: readonly string[] }
  | { kind: "env"; variable: string; path: readonly string[] };

/** The dotted name of a key path: storage.dynamodb.table_prefix. */
export function dotted(path: readonly string[]): string {
  return path.map((segment) => (/^[A-Za-z0-9_-]+$/.test(segment) ? segment : JSON.stringify(segment))).join(".");
}

/**
 * A ConfigError that says where the problem is: `file:line:column: key: problem` for a
 * config file, `VARIABLE: problem` for an environment override. The details carry
 * `file`, `line`, `column` and `key` (or `variable` and `key`).
 */
export function configProblem(origin: ValueOrigin, problem: string, extra: StoreErrorDetails = {}): ConfigError {
  const key = dotted(origin.path);
  if (origin.kind === "env") {
    return new ConfigError(`${origin.variable}: ${problem}`, { details: { variable: origin.variable, key, ...extra } });
  }
  const position = locateKey(origin.text, origin.path);
  const where = position === undefined ? origin.source : `${origin.source}:${position.line}:${position.column}`;
  const subject = key === "" ? "" : `${key}: `;
  const details: StoreErrorDetails = { file: origin.source };
  if (position !== undefined) Object.assign(details, position);
  if (key !== "") details.key = key;
  return new ConfigError(`${where}: ${subject}${problem}`, { details: { ...details, ...extra } });
}

/** "a string", "an integer", … : how a TOML value is named in messages. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `a string (${JSON.stringify(value)})`;
  if (typeof value === "boolean") return `a boolean (${value})`;
  if (typeof value === "number") return Number.isInteger(value) ? `an integer (${value})` : `a float (${value})`;
  if (typeof value === "bigint") return `an integer (${value})`;
  if (value instanceof Date) return "a date";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "a table";
  return typeof value;
}
