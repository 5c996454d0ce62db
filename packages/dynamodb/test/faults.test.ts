import { GetItemCommand, QueryCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { encodeKey, isStoreError, type StorageBackend } from "@blue/store-core";
import { tableName } from "../src";
import { freshBackend, localClient, steppingClock } from "./support/local";
import { conflict, connectionReset, inject, throttling } from "./support/faults";

// Faults injected through the SDK middleware stack (DynamoDB Local never throttles nor
// conflicts). Every scenario ends in success or a typed StoreError, and the table is read
// afterwards to show the change was applied completely or not at all.
describe("fault injection", () => {
  let client: DynamoDBClient;
  let b: StorageBackend;
  let dispose: () => Promise<void>;
  let prefix: string;

  beforeEach(async () => {
    client = localClient({ maxAttempts: 3, retryStrategy: undefined });
    const fresh = await freshBackend({ client, clock: steppingClock(), retry: { baseDelayMs: 1, maxDelayMs: 5, batchAttempts: 4, transactionAttempts: 4 } });
    b = fresh.backend;
    dispose = fresh.dispose;
    prefix = fresh.prefix;
    await b.dialogues.createDialogue({ id: "d", title: "D" });
    await b.dialogues.registerTension({ dialogueId: "d", id: "t", round: 1, expert: "e", label: "l", content: "c" });
  });
  afterEach(async () => {
    await dispose();
    client.destroy();
  });

  /** The dialogue's counters agree with its items, and its tension's events are complete. */
  async function consistent(expected: { perspectives: number; events: number }) {
    const [summary] = await b.dialogues.listDialogues();
    const e = await b.dialogues.exportDialogue("d");
    expect(summary!.perspectiveCount).toBe(e.perspectives.length);
    expect(e.perspectives).toHaveLength(expected.perspectives);
    expect(e.tensions[0]!.events).toHaveLength(expected.events);
    expect(e.tensions[0]!.status).toBe(e.tensions[0]!.events.at(-1)!.status);
    expect(summary!.unresolvedTensionCount).toBe(e.tensions.filter((t) => t.status !== "resolved").length);
  }
  const perspective = (id: string) => ({ dialogueId: "d", id, round: 1, expert: "e", label: "l", content: "c" });

  it("throttling on two attempts: the SDK retries and the call succeeds once", async () => {
    let left = 2;
    inject(client, "deserialize", async (cmd, _in, send) => (cmd === "TransactWriteItems" && left-- > 0 ? Promise.reject(throttling()) : send()));
    await b.dialogues.registerPerspective(perspective("p1"));
    await consistent({ perspectives: 1, events: 1 });
  });

  it("throttling that never stops: UNAVAILABLE (retryable), nothing changed", async () => {
    const remove = inject(client, "deserialize", async (cmd, _in, send) => (cmd === "TransactWriteItems" ? Promise.reject(throttling()) : send()));
    const err = await b.dialogues.updateTensionStatus({ dialogueId: "d", tensionId: "t" }, "resolved", {}).catch((e) => e);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    expect(err.retryable).toBe(true);
    expect(err.constructor.name).toBe("UnavailableError");
    remove();
    await consistent({ perspectives: 0, events: 1 });
  });

  it("TransactionConflict twice: retried within the budget, applied once", async () => {
    let left = 2;
    inject(client, "initialize", async (cmd, input, send) => {
      if (cmd === "TransactWriteItems" && left-- > 0) throw conflict((input.TransactItems as unknown[]).length);
      return send();
    });
    const t = await b.dialogues.updateTensionStatus({ dialogueId: "d", tensionId: "t" }, "resolved", {}, { ifStatus: "open" });
    expect(t.status).toBe("resolved");
    await consistent({ perspectives: 0, events: 2 });
  });

  it("TransactionConflict beyond the budget: UNAVAILABLE, nothing changed", async () => {
    const remove = inject(client, "initialize", async (cmd, input, send) => {
      if (cmd === "TransactWriteItems") throw conflict((input.TransactItems as unknown[]).length);
      return send();
    });
    const err = await b.dialogues.registerPerspective(perspective("p1")).catch((e) => e);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    remove();
    await consistent({ perspectives: 0, events: 1 });
  });

  it("a connection reset after the server applied a transaction: the retry (same token) does not apply it twice", async () => {
    let resets = 1;
    inject(client, "deserialize", async (cmd, _in, send) => {
      if (cmd !== "TransactWriteItems") return send();
      const out = await send();
      if (resets-- > 0) throw connectionReset();
      return out;
    });
    await b.dialogues.updateTensionStatus({ dialogueId: "d", tensionId: "t" }, "addressed", {});
    await b.dialogues.registerPerspective(perspective("p1"));
    await consistent({ perspectives: 1, events: 2 });
  });

  it("connection resets on every attempt: UNAVAILABLE, and the transaction is whole or absent", async () => {
    const remove = inject(client, "deserialize", async (cmd, _in, send) => {
      if (cmd !== "TransactWriteItems") return send();
      await send();
      throw connectionReset();
    });
    const err = await b.dialogues.registerPerspective(perspective("p1")).catch((e) => e);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    remove();
    const e = await b.dialogues.exportDialogue("d");
    await consistent({ perspectives: e.perspectives.length, events: 1 });
  });

  it("a connection reset before the request leaves: retried, applied once", async () => {
    let resets = 2;
    inject(client, "deserialize", async (cmd, _in, send) => (cmd === "TransactWriteItems" && resets-- > 0 ? Promise.reject(connectionReset()) : send()));
    await b.dialogues.registerPerspective(perspective("p1"));
    await consistent({ perspectives: 1, events: 1 });
  });

  it("partial batches (UnprocessedItems): importDialogue retries the rest and is complete", async () => {
    for (let i = 0; i < 30; i++) await b.dialogues.registerPerspective(perspective(`p${i}`));
    const exported = await b.dialogues.exportDialogue("d");
    const copy = structuredClone(exported);
    copy.dialogue.id = "copy";
    for (const p of copy.perspectives) p.dialogueId = "copy";
    for (const t of copy.tensions) t.dialogueId = "copy";
    let partials = 0;
    inject(client, "initialize", async (cmd, input, send) => {
      if (cmd !== "BatchWriteItem") return send();
      const req = input.RequestItems as Record<string, unknown[]>;
      const [table, writes] = Object.entries(req)[0]!;
      if (writes.length < 2) return send();
      partials++;
      const keep = writes.slice(0, Math.ceil(writes.length / 2));
      input.RequestItems = { [table]: keep };
      const out = (await send()) as { output: { UnprocessedItems?: Record<string, unknown[]> } };
      out.output.UnprocessedItems = { [table]: writes.slice(keep.length) };
      return out;
    });
    await b.dialogues.importDialogue(copy);
    expect(partials).toBeGreaterThan(1);
    const back = await b.dialogues.exportDialogue("copy");
    expect({ ...back, exportedAt: "" }).toEqual({ ...copy, exportedAt: "", links: [] });
  });

  it("batches never processed: a typed error listing the keys; the dialogue stays invisible; a re-run succeeds", async () => {
    const e = await b.dialogues.exportDialogue("d");
    const copy = { ...e, dialogue: { ...e.dialogue, id: "copy" }, perspectives: [], tensions: e.tensions.map((t) => ({ ...t, dialogueId: "copy" })) };
    const remove = inject(client, "initialize", async (cmd, input, send) => {
      if (cmd !== "BatchWriteItem") return send();
      return { output: { UnprocessedItems: input.RequestItems, $metadata: {} } };
    });
    const err = await b.dialogues.importDialogue(copy).catch((x) => x);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    expect(err.details.unprocessedKeys.length).toBeGreaterThan(0);
    expect(await b.dialogues.getDialogue("copy")).toBeNull();
    expect((await b.dialogues.listDialogues()).map((s) => s.id)).toEqual(["d"]);
    remove();
    await b.dialogues.importDialogue(copy);
    expect({ ...(await b.dialogues.exportDialogue("copy")), exportedAt: "" }).toEqual({ ...copy, exportedAt: "" });
  });

  it("an import interrupted without any cleanup (every UpdateItem failing): the same export re-runs at once; another waits for the lease", async () => {
    const e = await b.dialogues.exportDialogue("d");
    const copy = { ...e, dialogue: { ...e.dialogue, id: "copy" }, tensions: e.tensions.map((t) => ({ ...t, dialogueId: "copy" })) };
    const remove = inject(client, "initialize", async (cmd, _in, send) => (cmd === "UpdateItem" ? Promise.reject(connectionReset()) : send()));
    expect(isStoreError(await b.dialogues.importDialogue(copy).catch((x) => x), "UNAVAILABLE")).toBe(true);
    remove();
    expect(await b.dialogues.getDialogue("copy")).toBeNull();
    const other = { ...copy, dialogue: { ...copy.dialogue, title: "Another export" } };
    expect(isStoreError(await b.dialogues.importDialogue(other).catch((x) => x), "ALREADY_EXISTS")).toBe(true);
    await b.dialogues.importDialogue(copy);
    expect({ ...(await b.dialogues.exportDialogue("copy")), exportedAt: "" }).toEqual({ ...copy, exportedAt: "" });
  });

  it("a deleteDocument interrupted after hiding the document: it reads as absent, and a re-run clears index and statistics", async () => {
    await b.documents.addDocument({ title: "kept", body: "shared words" });
    const gone = await b.documents.addDocument({ title: "gone", body: "shared unique" });
    const remove = inject(client, "initialize", async (cmd, input, send) => (cmd === "BatchWriteItem" ? { output: { UnprocessedItems: input.RequestItems, $metadata: {} } } : send()));
    expect(isStoreError(await b.documents.deleteDocument(gone).catch((x) => x), "UNAVAILABLE")).toBe(true);
    remove();
    expect(await b.documents.getDocument(gone)).toBeNull();
    expect(await b.documents.search("unique")).toEqual([]);
    expect((await b.documents.listDocumentsPage({})).items.map((d) => d.title)).toEqual(["kept"]);
    expect(await b.documents.deleteDocument(gone)).toBe(false);
    const table = tableName(prefix);
    const postings = await client.send(new QueryCommand({ TableName: table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: encodeKey(["TK", "unique"]) } } }));
    expect(postings.Items).toEqual([]);
    const stats = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: "DOCS" }, sk: { S: "#stats" } }, ConsistentRead: true }));
    expect(stats.Item?.n?.N).toBe("1");
    expect(stats.Item?.tl?.N).toBe("3");
  });

  it("partial BatchGetItem (UnprocessedKeys) while reading a chunked 2 MB body", async () => {
    const body = "chunk ".repeat(350_000);
    const id = await b.documents.addDocument({ title: "big", body });
    let partials = 0;
    inject(client, "initialize", async (cmd, input, send) => {
      if (cmd !== "BatchGetItem") return send();
      const req = input.RequestItems as Record<string, { Keys: unknown[] }>;
      const [table, r] = Object.entries(req)[0]!;
      if (r.Keys.length < 2 || partials >= 2) return send();
      partials++;
      const keep = r.Keys.slice(0, 1);
      input.RequestItems = { [table]: { ...r, Keys: keep } };
      const out = (await send()) as { output: { UnprocessedKeys?: Record<string, unknown> } };
      out.output.UnprocessedKeys = { [table]: { ...r, Keys: r.Keys.slice(1) } };
      return out;
    });
    expect((await b.documents.getDocument(id))?.body).toBe(body);
    expect(partials).toBeGreaterThan(0);
  });

  it("a failed addDocument leaves no trace in search, listings or statistics", async () => {
    await b.documents.addDocument({ title: "kept", body: "shared words here" });
    const remove = inject(client, "initialize", async (cmd, _in, send) => (cmd === "TransactWriteItems" ? Promise.reject(throttling()) : send()));
    const err = await b.documents.addDocument({ title: "lost", body: "shared words unique" }).catch((x) => x);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    remove();
    expect(await b.documents.search("unique")).toEqual([]);
    expect((await b.documents.search("shared")).map((d) => d.title)).toEqual(["kept"]);
    expect((await b.documents.listDocumentsPage({})).items.map((d) => d.title)).toEqual(["kept"]);
  });
});
