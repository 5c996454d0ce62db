import { createIdGenerator } from "../encoding/id-generator";

/** What the model functions need from a backend: its clock and an id generator. */
export interface ModelContext {
  /** The clock's current time as an ISO-8601 UTC timestamp. */
  now(): string;
  /** A new unique, time-sortable dialogue id. */
  newId(): string;
  /** The clock's current time in ms since the epoch (optional: `clockMs` falls back to `now()`). */
  nowMs?(): number;
}

/** Builds a model context from a backend's clock. */
export function createModelContext(clock: () => Date = () => new Date()): ModelContext {
  const newId = createIdGenerator(clock);
  return { now: () => clock().toISOString(), newId, nowMs: () => clock().getTime() };
}
