import { isStoreError } from "@blue/store-core";

/** How long a migration keeps retrying one item that fails with a retryable error. */
export interface RetryPolicy {
  /** Give up after this long (default 90 s: longer than the DynamoDB backend's 30 s import lease). */
  maxWaitMs: number;
  /** First delay; doubles up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxWaitMs: 90_000, initialDelayMs: 250, maxDelayMs: 5_000 };

/**
 * Runs `work`; while it fails with a retryable StoreError (UNAVAILABLE: throttling, a busy
 * database, an import another process left half-done whose lease has not run out yet) it
 * waits and tries again, up to `policy.maxWaitMs`. `onRetry` hears about the first retry.
 */
export async function withRetry<T>(
  work: () => Promise<T>,
  what: string,
  onRetry: (message: string) => void,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
  const started = Date.now();
  let delay = policy.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (!isStoreError(e) || !e.retryable || Date.now() - started + delay > policy.maxWaitMs) throw e;
      if (attempt === 1) onRetry(`${what}: ${e.message} — retrying for up to ${Math.round(policy.maxWaitMs / 1000)} s`);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}
