import { randomUUID } from "node:crypto";
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type CancellationReason,
  type DeleteItemCommandInput,
  type DynamoDBClient,
  type PutItemCommandInput,
  type QueryCommandInput,
  type TransactWriteItem,
  type UpdateItemCommandInput,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { InternalError, UnavailableError } from "@blue/store-core";
import type { Key } from "../table/keys";
import { awsErrorName, mapAwsError } from "./errors";
import { backoff, contendedRounds, type RetryPolicy } from "./retry";

/** A plain item as util-dynamodb marshals it. */
export type Item = Record<string, unknown>;

/** A transaction was cancelled for another reason than a conflict; callers map `reasons`. */
export class TransactionCancelled extends InternalError {
  constructor(
    readonly reasons: CancellationReason[],
    cause: unknown,
  ) {
    super(`DynamoDB cancelled the transaction: ${reasons.map((r) => r.Code ?? "None").join(", ")}`, { cause });
  }
  /** The reason code of the i-th action ("None" when it passed). */
  reasonAt(i: number): string {
    return this.reasons[i]?.Code ?? "None";
  }
  /** The old item of the i-th action, when its condition failed (ALL_OLD). */
  oldItem(i: number): Item | undefined {
    const item = this.reasons[i]?.Item;
    return item ? unmarshall(item) : undefined;
  }
}

const M = (v: Item) => marshall(v, { removeUndefinedValues: true, convertClassInstanceToMap: false });

/** Runs DynamoDB requests against one table: error mapping, batching, retries, transactions. */
export class Executor {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
    readonly retry: RetryPolicy,
  ) {}

  private async send<T>(command: unknown, context: string): Promise<T> {
    try {
      return (await this.client.send(command as never)) as T;
    } catch (e) {
      throw mapAwsError(e, context, this.table);
    }
  }

  /**
   * A single-item write. DynamoDB refuses one that overlaps a transaction on the same item
   * with TransactionConflictException (the SDK does not retry it; the write was not applied):
   * retried with backoff within the transaction budget, then UNAVAILABLE.
   */
  private async sendWrite<T>(command: unknown, context: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.client.send(command as never)) as T;
      } catch (e) {
        if (awsErrorName(e) !== "TransactionConflictException" || attempt >= this.retry.transactionAttempts)
          throw mapAwsError(e, context, this.table);
        await backoff(this.retry, attempt, "contention");
      }
    }
  }

  /**
   * The rounds of an optimistic read-modify-write (read, then write guarded by a version):
   * the first at once, each later one after a full-jitter backoff, within the contention budget.
   * `for await (const _round of exec.rounds()) { …; if (won) return …; }` then UNAVAILABLE.
   */
  rounds(): AsyncGenerator<number, void, undefined> {
    return contendedRounds(this.retry);
  }

  /** Strongly consistent GetItem. */
  async get(key: Key, context: string): Promise<Item | undefined> {
    const out = await this.send<{ Item?: Record<string, AttributeValue> }>(
      new GetItemCommand({ TableName: this.table, Key: M(key), ConsistentRead: true, ReturnConsumedCapacity: "TOTAL" }),
      context,
    );
    return out.Item ? unmarshall(out.Item) : undefined;
  }

  /** PutItem; a failed condition rejects with ConditionalCheckFailed carrying the old item. */
  async put(item: Item, context: string, extra: Partial<PutItemCommandInput> = {}): Promise<void> {
    await this.sendWrite(new PutItemCommand({ TableName: this.table, Item: M(item), ReturnConsumedCapacity: "TOTAL", ...extra }), context);
  }

  /** UpdateItem; returns the attributes asked for by `ReturnValues`. */
  async update(key: Key, context: string, input: Partial<UpdateItemCommandInput>): Promise<Item | undefined> {
    const out = await this.sendWrite<{ Attributes?: Record<string, AttributeValue> }>(
      new UpdateItemCommand({ TableName: this.table, Key: M(key), ReturnConsumedCapacity: "TOTAL", ...input } as UpdateItemCommandInput),
      context,
    );
    return out.Attributes ? unmarshall(out.Attributes) : undefined;
  }

  /** DeleteItem returning the old item (undefined when there was none). */
  async delete(key: Key, context: string, extra: Partial<DeleteItemCommandInput> = {}): Promise<Item | undefined> {
    const out = await this.sendWrite<{ Attributes?: Record<string, AttributeValue> }>(
      new DeleteItemCommand({ TableName: this.table, Key: M(key), ReturnValues: "ALL_OLD", ReturnConsumedCapacity: "TOTAL", ...extra }),
      context,
    );
    return out.Attributes ? unmarshall(out.Attributes) : undefined;
  }

  /**
   * Query following LastEvaluatedKey until the end, or until `enough(items)` says stop.
   * Returns the items and whether the result was cut short with more to read.
   */
  async query(
    input: Omit<QueryCommandInput, "TableName">,
    context: string,
    enough?: (items: Item[]) => boolean,
  ): Promise<{ items: Item[]; more: boolean }> {
    const items: Item[] = [];
    let start: Record<string, AttributeValue> | undefined;
    for (;;) {
      const out = await this.send<{ Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> }>(
        new QueryCommand({
          TableName: this.table,
          ReturnConsumedCapacity: "TOTAL",
          ...input,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
        context,
      );
      for (const raw of out.Items ?? []) items.push(unmarshall(raw));
      start = out.LastEvaluatedKey;
      if (!start) return { items, more: false };
      if (enough?.(items)) return { items, more: true };
    }
  }

  /** One Query request: its items, and the key to start the next page from (absent at the end). */
  async queryPage(
    input: Omit<QueryCommandInput, "TableName">,
    context: string,
  ): Promise<{ items: Item[]; next?: Record<string, AttributeValue> }> {
    const out = await this.send<{ Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> }>(
      new QueryCommand({ TableName: this.table, ReturnConsumedCapacity: "TOTAL", ...input }),
      context,
    );
    const items = (out.Items ?? []).map((raw) => unmarshall(raw));
    return out.LastEvaluatedKey ? { items, next: out.LastEvaluatedKey } : { items };
  }

  /** BatchGetItem (strongly consistent) in chunks of 100, retrying UnprocessedKeys. Result by `pk\0sk`. */
  async batchGet(keys: Key[], context: string, projection?: string[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const unique = [...new Map(keys.map((k) => [keyId(k), k])).values()];
    await inParallel(chunk(unique, 100), 4, async (part) => {
      let pending: Record<string, AttributeValue>[] = part.map((k) => M(k));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) {
          if (attempt > this.retry.batchAttempts) throw leftover("read", context, pending);
          await backoff(this.retry, attempt);
        }
        const out = await this.send<{
          Responses?: Record<string, Record<string, AttributeValue>[]>;
          UnprocessedKeys?: Record<string, { Keys?: Record<string, AttributeValue>[] }>;
        }>(
          new BatchGetItemCommand({
            RequestItems: {
              [this.table]: {
                Keys: pending,
                ConsistentRead: true,
                ...(projection
                  ? {
                      ProjectionExpression: projection.map((_, i) => `#p${i}`).join(","),
                      ExpressionAttributeNames: Object.fromEntries(projection.map((p, i) => [`#p${i}`, p])),
                    }
                  : {}),
              },
            },
            ReturnConsumedCapacity: "TOTAL",
          }),
          context,
        );
        for (const raw of out.Responses?.[this.table] ?? []) {
          const item = unmarshall(raw);
          found.set(keyId(item as Key), item);
        }
        pending = out.UnprocessedKeys?.[this.table]?.Keys ?? [];
      }
    });
    return found;
  }

  /** BatchWriteItem in chunks of 25 (duplicates collapsed, last wins), retrying UnprocessedItems. */
  async batchWrite(puts: Item[], deletes: Key[], context: string): Promise<void> {
    const byKey = new Map<string, WriteRequest>();
    for (const k of deletes) byKey.set(keyId(k), { DeleteRequest: { Key: M({ pk: k.pk, sk: k.sk }) } });
    for (const p of puts) byKey.set(keyId(p as Key), { PutRequest: { Item: M(p) } });
    await inParallel(chunk([...byKey.values()], 25), 4, async (part) => {
      let pending = part;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) {
          if (attempt > this.retry.batchAttempts)
            throw leftover(
              "write",
              context,
              pending.map((w) => (w.PutRequest?.Item ?? w.DeleteRequest!.Key!) as Record<string, AttributeValue>),
            );
          await backoff(this.retry, attempt);
        }
        const out = await this.send<{ UnprocessedItems?: Record<string, WriteRequest[]> }>(
          new BatchWriteItemCommand({ RequestItems: { [this.table]: pending }, ReturnConsumedCapacity: "TOTAL" }),
          context,
        );
        pending = out.UnprocessedItems?.[this.table] ?? [];
      }
    });
  }

  /**
   * TransactWriteItems with an idempotency token (so the SDK's own retries after a lost
   * response apply it once). A cancellation made only of TransactionConflict is retried after
   * a contention backoff (`transactionAttempts`), one with throttling after a throughput
   * backoff (`batchAttempts`), then UNAVAILABLE; other cancellations reject with
   * TransactionCancelled for the caller to map.
   */
  async transact(items: TransactWriteItem[], context: string): Promise<void> {
    for (let conflicts = 0, throttles = 0; ; ) {
      try {
        await this.client.send(
          new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: randomUUID(), ReturnConsumedCapacity: "TOTAL" }),
        );
        return;
      } catch (e) {
        // A server error that says it waited too long for an item lock is contention (DynamoDB
        // Local answers this where DynamoDB answers TransactionConflict; the SDK's own quick
        // retries do not outlast it): retried after a contention backoff like a conflict.
        if (isLockTimeout(e) && ++conflicts < this.retry.transactionAttempts) {
          await backoff(this.retry, conflicts, "contention");
          continue;
        }
        if (awsErrorName(e) !== "TransactionCanceledException") throw mapAwsError(e, context, this.table);
        const reasons: CancellationReason[] = (e as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
        const conflictOnly =
          reasons.some((r) => r.Code === "TransactionConflict") &&
          reasons.every((r) => !r.Code || r.Code === "None" || r.Code === "TransactionConflict");
        const throttled = reasons.some((r) => r.Code === "ThrottlingError" || r.Code === "ProvisionedThroughputExceeded");
        if (!conflictOnly && !throttled) throw new TransactionCancelled(reasons, e);
        const attempts = throttled ? ++throttles : ++conflicts;
        if (attempts >= (throttled ? this.retry.batchAttempts : this.retry.transactionAttempts)) {
          throw new UnavailableError(
            `DynamoDB transaction kept ${throttled ? "being throttled" : "conflicting"} (${context}) after ${conflicts + throttles} attempts`,
            {
              cause: e,
              details: { reasons: reasons.map((r) => r.Code ?? "None") },
            },
          );
        }
        await backoff(this.retry, attempts, throttled ? "throughput" : "contention");
      }
    }
  }
}

/** An InternalServerError whose message says the request timed out waiting for a lock. */
function isLockTimeout(e: unknown): boolean {
  return awsErrorName(e) === "InternalServerError" && /waiting for a lock/i.test(String((e as Error).message));
}

/** The identity of a key inside one table. */
export function keyId(k: Key): string {
  return `${k.pk}\u0000${k.sk}`;
}

function leftover(kind: "read" | "write", context: string, keys: Record<string, AttributeValue>[]): UnavailableError {
  const list = keys.map((k) => ({ pk: k.pk?.S, sk: k.sk?.S }));
  return new UnavailableError(`DynamoDB left ${list.length} batch ${kind}(s) unprocessed after retries (${context})`, {
    details: { unprocessedKeys: list },
  });
}

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Runs `fn` over `xs` with at most `width` running at once; rejects with the first failure. */
export async function inParallel<T>(xs: readonly T[], width: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < xs.length && failure === undefined) {
      const x = xs[next++]!;
      try {
        await fn(x);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, xs.length) }, worker));
  if (failure !== undefined) throw failure;
}

/** True when a single-item write failed its ConditionExpression (the mapped error keeps the AWS error as cause). */
export function isConditionFailed(e: unknown): boolean {
  const cause = (e as { cause?: unknown })?.cause;
  return awsErrorName(cause) === "ConditionalCheckFailedException" || awsErrorName(e) === "ConditionalCheckFailedException";
}

/** The old item of a ConditionalCheckFailed raised with ReturnValuesOnConditionCheckFailure ALL_OLD. */
export function conditionOldItem(e: unknown): Item | undefined {
  const cause = (e as { cause?: { Item?: Record<string, AttributeValue> } })?.cause;
  return cause?.Item ? unmarshall(cause.Item) : undefined;
}

export { M as marshallItem };
