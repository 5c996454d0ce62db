import { isStoreError, type StoreError, type StoreErrorCode } from "../errors";

/** A failed conformance check. The kit's own assertions throw it; no test runner needed. */
export class ConformanceAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConformanceAssertionError";
  }
}

/** Fails the case with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceAssertionError(message);
}

/** Fails the case with `message`. */
export function failCase(message: string): never {
  throw new ConformanceAssertionError(message);
}

/** Escapes what a terminal shows badly (exported for reports that print raw JSON): controls, surrogates (astral characters), private use, specials. */
const HARD_TO_READ = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ue000-\uf8ff\ufff0-\uffff]/g;
export const escapeHard = (s: string) => s.replace(HARD_TO_READ, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

function show(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "[function]";
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  s = escapeHard(s);
  return s.length > 160 ? `${s.slice(0, 150)}… (${s.length} chars)` : s;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/** A value's whole JSON text (no truncation), to compare elements by. */
function fullJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The elements one array has more or fewer than the other (compared as JSON), for a length diff. */
function elementChanges(actual: unknown[], expected: unknown[]): string {
  const key = fullJson;
  const counts = new Map<string, number>();
  for (const v of expected) counts.set(key(v), (counts.get(key(v)) ?? 0) + 1);
  const extra: string[] = [];
  for (const [i, v] of actual.entries()) {
    const n = counts.get(key(v)) ?? 0;
    if (n > 0) counts.set(key(v), n - 1);
    else extra.push(`[${i}] ${show(v)}`);
  }
  const missing = expected
    .filter((v) => {
      const n = counts.get(key(v)) ?? 0;
      if (n > 0) counts.set(key(v), n - 1);
      return n > 0;
    })
    .map(show);
  const parts = [];
  if (extra.length > 0) parts.push(`unexpected ${extra.slice(0, 3).join(", ")}${extra.length > 3 ? ` and ${extra.length - 3} more` : ""}`);
  if (missing.length > 0)
    parts.push(`missing ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""}`);
  return parts.length > 0 ? `: ${parts.join("; ")}` : "";
}

/** The two positions of equal-length arrays that differ only by exchanging their elements. */
function swappedPair(actual: unknown[], expected: unknown[]): [number, number] | undefined {
  const differing: number[] = [];
  for (let i = 0; i < actual.length && differing.length <= 2; i++) if (fullJson(actual[i]) !== fullJson(expected[i])) differing.push(i);
  if (differing.length !== 2) return undefined;
  const [i, j] = differing as [number, number];
  return fullJson(actual[i]) === fullJson(expected[j]) && fullJson(actual[j]) === fullJson(expected[i]) ? [i, j] : undefined;
}

/** Paths where `actual` differs from `expected` (own properties set to undefined count as absent). */
export function differences(actual: unknown, expected: unknown, path = "$", out: string[] = [], max = 12): string[] {
  if (out.length >= max) return out;
  if (Object.is(actual, expected)) return out;
  const ta = typeOf(actual);
  const te = typeOf(expected);
  if (ta !== te || (ta !== "object" && ta !== "array")) {
    out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
    return out;
  }
  if (ta === "array") {
    const a = actual as unknown[];
    const e = expected as unknown[];
    if (a.length !== e.length) {
      out.push(`${path}: expected ${e.length} elements, got ${a.length}${elementChanges(a, e)}`);
      return out;
    }
    const swap = swappedPair(a, e);
    if (swap) {
      out.push(`${path}: elements [${swap[0]}] and [${swap[1]}] are swapped (got ${show(a[swap[0]])} before ${show(a[swap[1]])})`);
      return out;
    }
    for (let i = 0; i < a.length; i++) differences(a[i], e[i], `${path}[${i}]`, out, max);
    return out;
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
  for (const k of keys) {
    const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
    const inA = a[k] !== undefined;
    const inE = e[k] !== undefined;
    if (inA && !inE) out.push(`${p}: unexpected, got ${show(a[k])}`);
    else if (!inA && inE) out.push(`${p}: missing, expected ${show(e[k])}`);
    else if (inA) differences(a[k], e[k], p, out, max);
    if (out.length >= max) break;
  }
  return out;
}

/** Deep equality of JSON-like values, with a readable diff on failure. */
export function checkEqual(actual: unknown, expected: unknown, what: string): void {
  const diff = differences(actual, expected);
  if (diff.length > 0) throw new ConformanceAssertionError(`${what} differs:\n  ${diff.join("\n  ")}`);
}

function describeError(e: unknown): string {
  if (isStoreError(e)) return `StoreError ${e.code}: ${e.message}`;
  if (e instanceof Error) return `raw ${e.name} (not a StoreError): ${e.message}`;
  return `a thrown non-error value ${show(e)}`;
}

/**
 * Expects the call to reject with a StoreError of `code`. The call must return a rejected
 * promise: a synchronous throw breaks the contract ("every failure is a rejected promise").
 */
export async function expectStoreError(
  call: Promise<unknown> | (() => Promise<unknown>),
  code: StoreErrorCode,
  what = "the call",
): Promise<StoreError> {
  let promise: Promise<unknown>;
  if (typeof call === "function") {
    try {
      promise = call();
    } catch (e) {
      throw new ConformanceAssertionError(`${what}: threw synchronously (${describeError(e)}); failures must be rejected promises`);
    }
  } else promise = call;
  if (!promise || typeof (promise as Promise<unknown>).then !== "function") {
    throw new ConformanceAssertionError(`${what}: returned ${show(promise)}, not a promise`);
  }
  let value: unknown;
  try {
    value = await promise;
  } catch (e) {
    if (!isStoreError(e)) throw new ConformanceAssertionError(`${what}: expected StoreError ${code}, got ${describeError(e)}`);
    if (e.code !== code) throw new ConformanceAssertionError(`${what}: expected StoreError ${code}, got ${describeError(e)}`);
    return e;
  }
  throw new ConformanceAssertionError(`${what}: expected StoreError ${code}, but it resolved with ${show(value)}`);
}

/** Awaits a call that must succeed; a rejection fails the case with the call's name. */
export async function expectOk<T>(call: Promise<T>, what = "the call"): Promise<T> {
  try {
    return await call;
  } catch (e) {
    throw new ConformanceAssertionError(`${what}: expected success, got ${describeError(e)}`);
  }
}

/** Formats any thrown value for a report. */
export function formatFailure(e: unknown): string {
  if (e instanceof ConformanceAssertionError) return e.message;
  if (isStoreError(e)) return `unexpected StoreError ${e.code}: ${e.message}`;
  if (e instanceof Error) return `unexpected ${e.name}: ${e.message}${e.stack ? `\n${e.stack.split("\n").slice(1, 6).join("\n")}` : ""}`;
  return `unexpected thrown value ${show(e)}`;
}
