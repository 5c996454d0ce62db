import { ValidationError } from "../errors";
import { LIMITS } from "../validation/limits";
import { assertInteger, assertTimestamp } from "../validation/scalars";
import type { ModelContext } from "./context";

/**
 * Expiry of generic items, shared by every backend. An expiry is an instant in milliseconds
 * since the epoch; an item whose expiry is at or before the store's clock is gone.
 */

/** The store's clock in milliseconds since the epoch. */
export function clockMs(ctx: ModelContext): number {
  const ms = ctx.nowMs?.();
  return ms !== undefined && Number.isFinite(ms) ? ms : Date.parse(ctx.now());
}

/**
 * The expiry that `options.ttlSeconds` (from `now`, the store's clock) or `options.expiresAt`
 * names, or undefined for none. Both at once, or malformed values, are VALIDATION.
 */
export function expiryOf(options: { ttlSeconds?: unknown; expiresAt?: unknown }, now: () => number, field = "options"): number | undefined {
  const { ttlSeconds, expiresAt } = options;
  if (ttlSeconds !== undefined && expiresAt !== undefined) {
    throw new ValidationError(`${field}: give ttlSeconds or expiresAt, not both`, { details: { field: `${field}.ttlSeconds` } });
  }
  if (ttlSeconds !== undefined) return now() + assertInteger(ttlSeconds, `${field}.ttlSeconds`, 1, LIMITS.ttlMaxSeconds) * 1000;
  if (expiresAt !== undefined) return Date.parse(assertTimestamp(expiresAt, `${field}.expiresAt`));
  return undefined;
}

/** True when an item of this expiry (undefined: never) is gone at `now`. */
export function isExpired(expiresAt: number | undefined | null, now: number): boolean {
  return expiresAt !== undefined && expiresAt !== null && expiresAt <= now;
}

/** How many expired items a write removes at most, so no write pays for a large backlog. */
export const EXPIRY_SWEEP_BATCH = 32;
