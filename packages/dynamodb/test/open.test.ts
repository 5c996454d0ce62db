import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { isStoreError, openStore } from "@blue/store-core";
import {
  DEFAULT_SHARDS,
  DynamoDialogueStore,
  LAYOUT_VERSION,
  ensureTables,
  openDynamoStorage,
  tableName,
  tablePrefixProblem,
} from "../src";
import { dropTable, endpoint, freshBackend, localClient, uniquePrefix } from "./support/local";
import { countRequests } from "./support/requests";

describe("opening, provisioning and errors", () => {
  const client = localClient();
  afterAll(() => client.destroy());

  it("a missing table is a CONFIG error that says how to create it", async () => {
    const err = await openDynamoStorage({ client, tablePrefix: uniquePrefix("missing") }).catch((e) => e);
    expect(isStoreError(err, "CONFIG")).toBe(true);
    expect(err.message).toMatch(/createTables: true/);
    expect(err.message).toMatch(/blue-store init/);
  });

  it("a table of another layout is a CONFIG error", async () => {
    const prefix = uniquePrefix("foreign");
    await client.send(
      new CreateTableCommand({
        TableName: tableName(prefix),
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      }),
    );
    try {
      const err = await openDynamoStorage({ client, tablePrefix: prefix, createTables: true }).catch((e) => e);
      expect(isStoreError(err, "CONFIG")).toBe(true);
      expect(err.message).toMatch(/not a Blue Store table/);
    } finally {
      await dropTable(client, prefix);
    }
  });

  it("ensureTables is idempotent and the data survives a reopen", async () => {
    const prefix = uniquePrefix("ensure");
    try {
      expect(await ensureTables(client, { tablePrefix: prefix })).toBe(tableName(prefix));
      expect(await ensureTables(client, { tablePrefix: prefix })).toBe(tableName(prefix));
      const a = await openDynamoStorage({ client, tablePrefix: prefix });
      expect(a.name).toBe("dynamodb");
      expect(a.capabilities).toEqual({ persistent: true, listConsistency: "eventual", multiProcess: true });
      await a.dialogues.createDialogue({ id: "kept", title: "Kept" });
      await a.close();
      await a.close();
      expect(isStoreError(await a.dialogues.getDialogue("kept").catch((e) => e), "CLOSED")).toBe(true);
      expect(isStoreError(await a.dialogues.getDialogue("not an id!").catch((e) => e), "CLOSED")).toBe(true);
      const b = await openDynamoStorage({ client, tablePrefix: prefix });
      expect((await b.dialogues.getDialogue("kept"))?.title).toBe("Kept");
      await b.close();
    } finally {
      await dropTable(client, prefix);
    }
  });

  it("one store alone: openStore's close() destroys exactly the client openDynamoStorage created", async () => {
    const prefix = uniquePrefix("local");
    const destroy = jest.spyOn(DynamoDBClient.prototype, "destroy");
    try {
      const store = await openStore(
        openDynamoStorage({ endpoint: endpoint(), region: "us-east-1", tablePrefix: prefix, createTables: true }),
        "dialogues",
      );
      expect(store).toBeInstanceOf(DynamoDialogueStore);
      const id = await store.createDialogue({ title: "Roundtrip" });
      expect((await store.getDialogue(id))?.title).toBe("Roundtrip");
      destroy.mockClear();
      await store.close();
      await store.close();
      expect(destroy).toHaveBeenCalledTimes(1);
      await expect(store.getDialogue(id)).rejects.toMatchObject({ code: "CLOSED" });
      // A client the caller passed in stays the caller's.
      const borrowed = await openStore(openDynamoStorage({ client, tablePrefix: prefix }), "documents");
      destroy.mockClear();
      await borrowed.close();
      expect(destroy).not.toHaveBeenCalled();
    } finally {
      destroy.mockRestore();
      await dropTable(client, prefix);
    }
  });

  it("a bad table prefix is refused with the same rule (and words) as the config file's", async () => {
    const err = await openDynamoStorage({ client, tablePrefix: "team/app_" }).catch((e) => e);
    expect(isStoreError(err, "VALIDATION")).toBe(true);
    expect(err.message).toBe(`tablePrefix: ${tablePrefixProblem("team/app_")}`);
  });

  it("an unreachable endpoint is UNAVAILABLE (retryable), not an AWS or Node error", async () => {
    const dead = new DynamoDBClient({
      endpoint: "http://127.0.0.1:9",
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 2,
    });
    const err = await openDynamoStorage({ client: dead, tablePrefix: "x_" }).catch((e) => e);
    dead.destroy();
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    expect(err.retryable).toBe(true);
    expect(err.cause).toBeDefined();
  });

  it("an entity over the portable limit is ITEM_TOO_LARGE before any request is sent", async () => {
    const counting = localClient();
    const log = countRequests(counting);
    const { backend, dispose } = await freshBackend({ client: counting });
    try {
      await backend.dialogues.createDialogue({ id: "d", title: "D" });
      log.reset();
      const big = "x".repeat(350 * 1024);
      const tries = [
        backend.dialogues.registerPerspective({ dialogueId: "d", id: "p", round: 1, expert: "e", label: "l", content: big }),
        backend.dialogues.registerTension({ dialogueId: "d", id: "t", round: 1, expert: "e", label: "l", content: big }),
        backend.links.addLink({ from: "document:1", to: "document:2", kind: "k", metadata: { big } }),
        backend.store<{ k: string; v: string }>({ name: "s", key: (i) => ({ pk: i.k, sk: i.k }) }).put({ k: "a", v: big }),
        backend.documents.addDocument({ title: big, body: "" }),
        backend.documents.addDocument({ title: "t", body: "x".repeat(10 * 1024 * 1024 + 1) }),
      ];
      for (const t of tries) expect(isStoreError(await t.catch((e) => e), "ITEM_TOO_LARGE")).toBe(true);
      expect(log.counts()).toEqual({});
    } finally {
      await dispose();
      counting.destroy();
    }
  });

  describe("the layout version item", () => {
    const meta = { pk: { S: "#meta" }, sk: { S: "layout" } };
    const scanAll = async (prefix: string) =>
      ((await client.send(new ScanCommand({ TableName: tableName(prefix) }))).Items ?? [])
        .map((i) => `${i.pk!.S}|${i.sk!.S}|${i.layout?.N ?? ""}`)
        .sort();

    it("a new table records the layout and the shard count", async () => {
      const prefix = uniquePrefix("layout");
      try {
        await ensureTables(client, { tablePrefix: prefix });
        expect(await scanAll(prefix)).toEqual([`#meta|layout|${LAYOUT_VERSION}`]);
        const b = await openDynamoStorage({ client, tablePrefix: prefix, shards: DEFAULT_SHARDS });
        await b.close();
        const err = await openDynamoStorage({ client, tablePrefix: prefix, shards: 8 }).catch((e) => e);
        expect(isStoreError(err, "CONFIG")).toBe(true);
        expect(err.message).toMatch(`shards = ${DEFAULT_SHARDS}`);
        expect(isStoreError(await openDynamoStorage({ client, tablePrefix: prefix, shards: 0 }).catch((e) => e), "VALIDATION")).toBe(true);
      } finally {
        await dropTable(client, prefix);
      }
    });

    it("a table of the old layout (data, no version item) is refused with CONFIG naming blue-store migrate, and left unchanged", async () => {
      const prefix = uniquePrefix("oldlayout");
      try {
        await ensureTables(client, { tablePrefix: prefix });
        await client.send(new DeleteItemCommand({ TableName: tableName(prefix), Key: meta }));
        await client.send(
          new PutItemCommand({
            TableName: tableName(prefix),
            Item: { pk: { S: "LINKS" }, sk: { S: "a\u0001b\u0001k" }, fr: { S: "document:1" } },
          }),
        );
        for (const open of [
          () => openDynamoStorage({ client, tablePrefix: prefix }),
          () => openDynamoStorage({ client, tablePrefix: prefix, createTables: true }),
          () => ensureTables(client, { tablePrefix: prefix }),
        ]) {
          const err = await open().catch((e) => e);
          expect(isStoreError(err, "CONFIG")).toBe(true);
          expect(err.message).toMatch(/layout 1/);
          expect(err.message).toMatch(/blue-store migrate/);
          expect(err.message).toMatch(/new table_prefix/);
        }
        expect(await scanAll(prefix)).toEqual(["LINKS|a\u0001b\u0001k|"]);
      } finally {
        await dropTable(client, prefix);
      }
    });

    it("an older or newer recorded layout is refused with CONFIG and left unchanged; an empty table without one gets it", async () => {
      const prefix = uniquePrefix("versions");
      try {
        await ensureTables(client, { tablePrefix: prefix });
        for (const [version, text] of [
          [1, /layout 1/],
          [LAYOUT_VERSION + 1, /newer version/],
        ] as const) {
          await client.send(
            new PutItemCommand({ TableName: tableName(prefix), Item: { ...meta, layout: { N: String(version) }, shards: { N: "32" } } }),
          );
          const err = await openDynamoStorage({ client, tablePrefix: prefix }).catch((e) => e);
          expect(isStoreError(err, "CONFIG")).toBe(true);
          expect(err.message).toMatch(text);
          expect(await scanAll(prefix)).toEqual([`#meta|layout|${version}`]);
        }
        await client.send(new DeleteItemCommand({ TableName: tableName(prefix), Key: meta }));
        const b = await openDynamoStorage({ client, tablePrefix: prefix });
        await b.close();
        expect(await scanAll(prefix)).toEqual([`#meta|layout|${LAYOUT_VERSION}`]);
      } finally {
        await dropTable(client, prefix);
      }
    });
  });
});
