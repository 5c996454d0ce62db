import { createIdGenerator } from "../encoding/id-generator";
import { ConfigError, isStoreError } from "../errors";
import { TIMESTAMP_PATTERN } from "../validation/scalars";

/** What the model functions need from a backend: its clock and an id generator. */
export interface ModelContext {
  /** The clock's current time as an ISO-8601 UTC timestamp. */
  now(): string;
  /** A new unique, time-sortable dialogue id. */
  newId(): string;
  /** The clock's current time in ms since the epoch (optional: `clockMs` falls back to `now()`). */
  nowMs?(): number;
}

function badClock(message: string, cause?: unknown): ConfigError {
  return new ConfigError(`the store's clock ${message}`, { details: { field: "clock" }, ...(cause === undefined ? {} : { cause }) });
}

/**
 * Reads a backend's clock and checks the reading: a valid `Date` whose instant a contract
 * timestamp can name (years 0000–9999, `YYYY-MM-DDTHH:MM:SS.mmmZ`). Anything else — an Invalid
 * Date, a year like +010000 that the store's own import would refuse, a non-Date, a clock that
 * throws — is `CONFIG` (the clock is the backend's configuration, not the call's input), raised
 * before the operation writes anything. Every backend reads its clock through this.
 */
export function readClock(clock: () => Date): { date: Date; iso: string } {
  let reading: unknown;
  try {
    reading = clock();
  } catch (e) {
    if (isStoreError(e)) throw e;
    throw badClock(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, e);
  }
  if (Object.prototype.toString.call(reading) !== "[object Date]") {
    throw badClock(`returned ${reading === null ? "null" : typeof reading}, not a Date`);
  }
  const date = reading as Date;
  const time = date.getTime();
  if (!Number.isFinite(time)) throw badClock("returned an Invalid Date");
  const iso = date.toISOString();
  if (!TIMESTAMP_PATTERN.test(iso)) {
    throw badClock(`returned ${iso}, outside the years 0000–9999 that a stored timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ) can name`);
  }
  return { date: new Date(time), iso };
}

/** Builds a model context from a backend's clock; every reading is checked by `readClock`. */
export function createModelContext(clock: () => Date = () => new Date()): ModelContext {
  const newId = createIdGenerator(() => readClock(clock).date);
  return { now: () => readClock(clock).iso, newId, nowMs: () => readClock(clock).date.getTime() };
}
