/** Our own retry budget (on top of the SDK's retries of throttling, 5xx and network errors). */
export interface RetryPolicy {
  /** Attempts for a batch's unprocessed items/keys (after the first request). */
  batchAttempts: number;
  /** Attempts of a transaction cancelled by TransactionConflict or throttling. */
  transactionAttempts: number;
  /** Base and maximum delay of the exponential backoff (full jitter), ms. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { batchAttempts: 8, transactionAttempts: 8, baseDelayMs: 25, maxDelayMs: 2000 };

/** Sleeps a random time in [0, min(max, base·2^attempt)] ("full jitter"). */
export function backoff(policy: RetryPolicy, attempt: number): Promise<void> {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
