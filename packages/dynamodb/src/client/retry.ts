/**
 * Our retry budget (on top of the SDK's retries of throttling, 5xx and network errors). It is
 * sized so that moderate contention — 30 writers on one item — completes, as it does on
 * memory and SQLite: every writer eventually gets a turn, none is told UNAVAILABLE.
 *
 * Two kinds of waiting: a *throughput* backoff (throttling, unprocessed batch items: capacity
 * refills over seconds) and a *contention* backoff (another writer holds or just changed the
 * item: short, jittered waits spread the writers out so each gets a turn).
 */
export interface RetryPolicy {
  /** Attempts for a batch's unprocessed items/keys, and of a throttled transaction (throughput backoff). */
  batchAttempts: number;
  /**
   * Attempts of a write that lost a conflict: a transaction cancelled by TransactionConflict,
   * a single-item write refused with TransactionConflictException (contention backoff).
   */
  transactionAttempts: number;
  /**
   * Rounds of an optimistic read-modify-write whose version guard (ConditionalCheckFailed on
   * `seq`/`v`) lost to another writer; every round after the first waits a contention backoff.
   */
  contentionRounds: number;
  /** Base and maximum delay of the throughput backoff (full jitter), ms. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Base and maximum delay of the contention backoff (full jitter), ms. */
  contentionBaseDelayMs: number;
  contentionMaxDelayMs: number;
}

/**
 * The defaults. A writer that keeps losing to others waits up to 10, 20, 40 … ms, at most
 * 2 s per round: 30 writers on one item on DynamoDB Local all finish, none UNAVAILABLE, also
 * with AWS's transaction conflicts emulated (docs/decisions.md D15 has the measurements).
 */
export const DEFAULT_RETRY: RetryPolicy = {
  batchAttempts: 8,
  transactionAttempts: 32,
  contentionRounds: 40,
  baseDelayMs: 25,
  maxDelayMs: 2000,
  contentionBaseDelayMs: 10,
  contentionMaxDelayMs: 2000,
};

/** Which backoff to wait: for capacity (throttling) or for other writers (contention). */
export type BackoffKind = "throughput" | "contention";

/** Sleeps a random time in [0, min(max, base·2^attempt)] ("full jitter") of the given kind. */
export function backoff(policy: RetryPolicy, attempt: number, kind: BackoffKind = "throughput"): Promise<void> {
  const [base, max] =
    kind === "contention" ? [policy.contentionBaseDelayMs, policy.contentionMaxDelayMs] : [policy.baseDelayMs, policy.maxDelayMs];
  const ceiling = Math.min(max, base * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/**
 * The rounds of an optimistic read-modify-write: yields 0 at once, then 1, 2 … each after a
 * contention backoff, `policy.contentionRounds` in all. A caller loops
 * `for await (const _round of contendedRounds(policy))`, returns when its guarded write
 * succeeds, and reports UNAVAILABLE after the loop (the budget is spent).
 */
export async function* contendedRounds(policy: RetryPolicy): AsyncGenerator<number, void, undefined> {
  for (let round = 0; round < policy.contentionRounds; round++) {
    if (round > 0) await backoff(policy, round, "contention");
    yield round;
  }
}
