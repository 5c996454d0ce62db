import {
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { isStoreError, type StorageBackend } from "@blue/store-core";
import { createTestClock, type TestClock } from "@blue/store-core/conformance";
import { tableName } from "../src";
import { genericPk } from "../src/table/keys";
import { freshBackend, localClient } from "./support/local";
import { inject, throttling } from "./support/faults";

type Thing = { pk: string; sk: string; n?: number };
const schema = { name: "things", key: (i: Thing) => ({ pk: i.pk, sk: i.sk }) };

// The generic store's DynamoDB specifics: native TTL, filtering of expired items DynamoDB has
// not removed yet, transaction cancellations, and batches that DynamoDB throttles or leaves
// unprocessed (faults injected through the SDK middleware stack).
describe("DynamoDB generic store", () => {
  let client: DynamoDBClient;
  let b: StorageBackend;
  let clock: TestClock;
  let prefix: string;
  let dispose: () => Promise<void>;
  const things = () => b.store(schema);

  beforeEach(async () => {
    client = localClient({ maxAttempts: 3 });
    clock = createTestClock();
    const fresh = await freshBackend({ client, clock, retry: { baseDelayMs: 1, maxDelayMs: 5, batchAttempts: 4, transactionAttempts: 4 } });
    b = fresh.backend;
    prefix = fresh.prefix;
    dispose = fresh.dispose;
  });
  afterEach(async () => {
    await dispose();
    client.destroy();
  });

  it("ensureTables turns on native TTL on the `ttl` attribute; items with an expiry carry it in epoch seconds", async () => {
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName(prefix) }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: "ENABLED", AttributeName: "ttl" });
    await things().put({ pk: "p", sk: "a" }, { expiresAt: "2026-01-01T00:01:00.500Z" });
    const raw = await client.send(
      new GetItemCommand({
        TableName: tableName(prefix),
        Key: { pk: { S: genericPk("things", "p") }, sk: { S: "a" } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item?.ttl?.N).toBe(String(Math.ceil(Date.parse("2026-01-01T00:01:00.500Z") / 1000)));
    expect(raw.Item?.xat?.N).toBe(String(Date.parse("2026-01-01T00:01:00.500Z")));
  });

  it("expired items DynamoDB has not removed yet are filtered from every read, and count as absent for conditions", async () => {
    const expiredAt = Date.parse(clock.iso()) - 1000;
    for (const sk of ["x1", "x2"]) {
      await client.send(
        new PutItemCommand({
          TableName: tableName(prefix),
          Item: {
            pk: { S: genericPk("things", "p") },
            sk: { S: sk },
            rpk: { S: "p" },
            j: { S: JSON.stringify({ pk: "p", sk }) },
            xat: { N: String(expiredAt) },
            ttl: { N: String(Math.ceil(expiredAt / 1000)) },
          },
        }),
      );
    }
    await things().put({ pk: "p", sk: "live" });
    expect(await things().get("p", "x1")).toBeNull();
    expect(
      await things().getMany([
        { pk: "p", sk: "x1" },
        { pk: "p", sk: "live" },
      ]),
    ).toEqual([null, { pk: "p", sk: "live" }]);
    expect(await things().query("p", "")).toEqual([{ pk: "p", sk: "live" }]);
    expect((await things().queryPage("p", "", { limit: 1 })).items).toEqual([{ pk: "p", sk: "live" }]);
    await things().put({ pk: "p", sk: "x1", n: 1 }, { ifNotExists: true });
    expect(await things().delete("p", "x2")).toBe(false);
    const raw = await client.send(
      new GetItemCommand({
        TableName: tableName(prefix),
        Key: { pk: { S: genericPk("things", "p") }, sk: { S: "x1" } },
        ConsistentRead: true,
      }),
    );
    expect(raw.Item?.ttl).toBeUndefined(); // the new item has no expiry
  });

  it("a failed condition in TransactWriteItems is CONDITION_FAILED with the operation's index; nothing is written", async () => {
    await things().put({ pk: "p", sk: "taken" });
    const err = await things()
      .transact([{ put: { pk: "p", sk: "a" } }, { delete: { pk: "p", sk: "b" } }, { put: { pk: "p", sk: "taken" }, ifNotExists: true }])
      .catch((e) => e);
    expect(isStoreError(err, "CONDITION_FAILED")).toBe(true);
    expect(err.details.index).toBe(2);
    expect(await things().get("p", "a")).toBeNull();
  });

  it("an injected cancellation: the first ConditionalCheckFailed reason gives the index", async () => {
    inject(client, "initialize", async (cmd, _input, send) => {
      if (cmd !== "TransactWriteItems") return send();
      throw new TransactionCanceledException({
        message: "Transaction cancelled (injected)",
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed" }, { Code: "ConditionalCheckFailed" }],
      });
    });
    const err = await things()
      .transact([
        { put: { pk: "p", sk: "a" } },
        { check: { pk: "p", sk: "b" }, exists: true },
        { delete: { pk: "p", sk: "c" }, ifExists: true },
      ])
      .catch((e) => e);
    expect(isStoreError(err, "CONDITION_FAILED")).toBe(true);
    expect(err.details.index).toBe(1);
  });

  it("throttled and partial batches: putMany, getMany and deleteMany retry until everything is done", async () => {
    let throttled = 0;
    let partial = 0;
    inject(client, "deserialize", async (cmd, _input, send) => {
      if ((cmd === "BatchWriteItem" || cmd === "BatchGetItem") && throttled++ % 3 === 0) throw throttling();
      return send();
    });
    inject(client, "initialize", async (cmd, input, send) => {
      const req = input.RequestItems as Record<string, { Keys?: unknown[] } | unknown[]>;
      if (cmd === "BatchWriteItem") {
        const [table, writes] = Object.entries(req)[0]! as [string, unknown[]];
        if (writes.length < 2 || partial >= 8) return send();
        partial++;
        const keep = Math.ceil(writes.length / 2);
        input.RequestItems = { [table]: writes.slice(0, keep) };
        const out = (await send()) as { output: { UnprocessedItems?: Record<string, unknown[]> } };
        out.output.UnprocessedItems = { [table]: writes.slice(keep) };
        return out;
      }
      if (cmd === "BatchGetItem") {
        const [table, spec] = Object.entries(req)[0]! as [string, { Keys: unknown[] }];
        if (spec.Keys.length < 2 || partial >= 16) return send();
        partial++;
        const keep = Math.ceil(spec.Keys.length / 2);
        input.RequestItems = { [table]: { ...spec, Keys: spec.Keys.slice(0, keep) } };
        const out = (await send()) as { output: { UnprocessedKeys?: Record<string, unknown> } };
        out.output.UnprocessedKeys = { [table]: { ...spec, Keys: spec.Keys.slice(keep) } };
        return out;
      }
      return send();
    });
    const items = Array.from({ length: 30 }, (_, i) => ({ pk: `p${i % 3}`, sk: String(i), n: i }));
    await things().putMany(items);
    expect(await things().getMany(items.map((i) => ({ pk: i.pk, sk: i.sk })))).toEqual(items);
    expect(await things().deleteMany(items.slice(0, 10).map((i) => ({ pk: i.pk, sk: i.sk })))).toBe(10);
    expect(throttled).toBeGreaterThan(3);
    expect(partial).toBeGreaterThan(3);
  }, 60_000);

  it("batches left unprocessed beyond the retry budget: UNAVAILABLE (retryable) naming the keys", async () => {
    inject(client, "initialize", async (cmd, input, send) =>
      cmd === "BatchWriteItem" ? { output: { UnprocessedItems: input.RequestItems, $metadata: {} } } : send(),
    );
    const err = await things()
      .putMany([
        { pk: "p", sk: "a" },
        { pk: "p", sk: "b" },
      ])
      .catch((e) => e);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    expect(err.retryable).toBe(true);
    expect(err.details.unprocessedKeys).toHaveLength(2);
  });
});
