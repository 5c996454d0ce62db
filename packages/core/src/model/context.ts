import { createIdGenerator } from "../encoding/id-generator";
import { ConfigError, isStoreError } from "../errors";

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

/** The first and last instants a stored timestamp (years 0000–9999) can name, in ms. */
const FIRST_MS = Date.parse("0000-01-01T00:00:00.000Z");
const LAST_MS = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * Reads a backend's clock and checks the reading: a valid `Date` whose instant a contract
 * timestamp can name (years 0000–9999, `YYYY-MM-DDTHH:MM:SS.mmmZ`). Anything else — an Invalid
 * Date, a year like +010000 that the store's own import would refuse, a non-Date, a clock that
 * throws — is `CONFIG` (the clock is the backend's configuration, not the call's input), raised
 * before the operation writes anything. Every backend reads its clock through this. Returns the
 * instant in ms (the generic store's hot path needs no ISO string).
 */
export function readClockMs(clock: () => Date): number {
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
  const time = (reading as Date).getTime();
  if (!Number.isFinite(time)) throw badClock("returned an Invalid Date");
  if (time < FIRST_MS || time > LAST_MS) {
    throw badClock(
      `returned ${new Date(time).toISOString()}, outside the years 0000–9999 that a stored timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ) can name`,
    );
  }
  return time;
}

/** `readClockMs` as a fresh Date and its timestamp. */
export function readClock(clock: () => Date): { date: Date; iso: string } {
  const date = new Date(readClockMs(clock));
  return { date, iso: date.toISOString() };
}

/** Builds a model context from a backend's clock; every reading is checked by `readClock`. */
export function createModelContext(clock: () => Date = () => new Date()): ModelContext {
  const newId = createIdGenerator(() => readClock(clock).date);
  return { now: () => readClock(clock).iso, newId, nowMs: () => readClockMs(clock) };
}
