import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { isStoreError, type StorageBackend } from "@blue/store-core";
import { encodeKey, keyPrefix } from "@blue/store-core/engine";
import { openDynamoStorage } from "../src";
import { freshBackend, localClient, steppingClock } from "./support/local";
import { conflict, connectionReset, inject, lockTimeout, throttling } from "./support/faults";
import { RawTable } from "./support/table";

// Faults injected through the SDK middleware stack (DynamoDB Local never throttles nor
// conflicts). Every scenario asserts that its fault fired, ends in success or a typed
// StoreError, and reads back from the table itself (not only through the backend) every piece
// of state its title names, with expected values taken from the input.
describe("fault injection", () => {
  let client: DynamoDBClient;
  let b: StorageBackend;
  let dispose: () => Promise<void>;
  let raw: RawTable;
  let prefix: string;

  beforeEach(async () => {
    client = localClient({ maxAttempts: 3, retryStrategy: undefined });
    const fresh = await freshBackend({
      client,
      clock: steppingClock(),
      retry: { baseDelayMs: 1, maxDelayMs: 5, batchAttempts: 4, transactionAttempts: 4 },
    });
    b = fresh.backend;
    dispose = fresh.dispose;
    raw = new RawTable(client, fresh.prefix);
    prefix = fresh.prefix;
    await b.dialogues.createDialogue({ id: "d", title: "D" });
    await b.dialogues.registerTension({ dialogueId: "d", id: "t", round: 1, expert: "e", label: "l", content: "c" });
  });
  afterEach(async () => {
    await dispose();
    client.destroy();
  });

  /** The items of dialogue `id`'s partition in the table: its header and how many of each kind. */
  async function partitionOf(id: string) {
    const items = await raw.query(encodeKey(["DLG", id]));
    const count = (kind: string) => items.filter((i) => (i.sk as string).startsWith(keyPrefix([kind]))).length;
    return { header: items.find((i) => i.sk === "#"), perspectives: count("P"), tensions: count("T"), events: count("E") };
  }

  /**
   * The dialogue holds exactly `expected` perspectives and tension events, read from its
   * partition in the table (items and the header's counters) and through the backend (export
   * and summary), and the tension's status is its last event's.
   */
  async function consistent(expected: { perspectives: string[]; events: number }) {
    const { header, ...counts } = await partitionOf("d");
    expect(counts).toEqual({ perspectives: expected.perspectives.length, tensions: 1, events: expected.events });
    const e = await b.dialogues.exportDialogue("d");
    const unresolved = e.tensions.filter((t) => t.status !== "resolved").length;
    expect({ pc: header!.pc, tc: header!.tc, uc: header!.uc }).toEqual({ pc: expected.perspectives.length, tc: 1, uc: unresolved });
    expect(e.perspectives.map((p) => p.id)).toEqual(expected.perspectives);
    expect(e.tensions[0]!.events).toHaveLength(expected.events);
    expect(e.tensions[0]!.status).toBe(e.tensions[0]!.events.at(-1)!.status);
    const [summary] = await b.dialogues.listDialogues();
    expect([summary!.perspectiveCount, summary!.tensionCount, summary!.unresolvedTensionCount]).toEqual([
      expected.perspectives.length,
      1,
      unresolved,
    ]);
  }
  const perspective = (id: string) => ({ dialogueId: "d", id, round: 1, expert: "e", label: "l", content: "c" });

  it("throttling on two attempts: the SDK retries and the call succeeds once", async () => {
    let fired = 0;
    inject(client, "deserialize", async (cmd, _in, send) =>
      cmd === "TransactWriteItems" && fired < 2 ? (fired++, Promise.reject(throttling())) : send(),
    );
    await b.dialogues.registerPerspective(perspective("p1"));
    expect(fired).toBe(2);
    await consistent({ perspectives: ["p1"], events: 1 });
  });

  it("throttling that never stops: UNAVAILABLE (retryable), nothing changed", async () => {
    let fired = 0;
    const remove = inject(client, "deserialize", async (cmd, _in, send) =>
      cmd === "TransactWriteItems" ? (fired++, Promise.reject(throttling())) : send(),
    );
    const err = await b.dialogues.updateTensionStatus({ dialogueId: "d", tensionId: "t" }, "resolved", {}).catch((e) => e);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    expect(err.retryable).toBe(true);
    expect(err.constructor.name).toBe("UnavailableError");
    remove();
    expect(fired).toBeGreaterThanOrEqual(3); // every attempt of the SDK (maxAttempts 3) and of our budget
    await consistent({ perspectives: [], events: 1 });
  });

  it("TransactionConflict twice: retried within the budget, applied once", async () => {
    let fired = 0;
    inject(client, "initialize", async (cmd, input, send) => {
      if (cmd === "TransactWriteItems" && fired < 2) {
        fired++;
        throw conflict((input.TransactItems as unknown[]).length);
      }
      return send();
    });
    const t = await b.dialogues.updateTensionStatus({ dialogueId: "d", tensionId: "t" }, "resolved", {}, { ifStatus: "open" });
    expect(t.status).toBe("resolved");
    expect(fired).toBe(2);
    await consistent({ perspectives: [], events: 2 });
  });

  it("a lock timeout of DynamoDB Local on a transaction, three times: retried like a conflict, applied once", async () => {
    let fired = 0;
    inject(client, "initialize", async (cmd, _input, send) => {
      if (cmd === "TransactWriteItems" && fired < 3) {
        fired++;
        throw lockTimeout();
      }
      return send();
    });
    const t = await b.dialogues.updateTensionStatus({ dialogueId: "d", tensionId: "t" }, "resolved", {}, { ifStatus: "open" });
    expect(t.status).toBe("resolved");
    expect(fired).toBe(3);
    await consistent({ perspectives: [], events: 2 });
  });

  it("TransactionConflict beyond the budget: UNAVAILABLE, nothing changed", async () => {
    let fired = 0;
    const remove = inject(client, "initialize", async (cmd, input, send) => {
      if (cmd === "TransactWriteItems") {
        fired++;
        throw conflict((input.TransactItems as unknown[]).length);
      }
      return send();
    });
    const err = await b.dialogues.registerPerspective(perspective("p1")).catch((e) => e);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    remove();
    expect(fired).toBe(4); // the whole budget (transactionAttempts 4)
    await consistent({ perspectives: [], events: 1 });
  });

  it("a connection reset after the server applied a transaction: the retry (same token) does not apply it twice", async () => {
    let fired = 0;
    inject(client, "deserialize", async (cmd, _in, send) => {
      if (cmd !== "TransactWriteItems") return send();
      const out = await send();
      if (fired++ === 0) throw connectionReset();
      return out;
    });
    await b.dialogues.updateTensionStatus({ dialogueId: "d", tensionId: "t" }, "addressed", {});
    await b.dialogues.registerPerspective(perspective("p1"));
    expect(fired).toBe(3); // the reset attempt, its retry, and the second call
    await consistent({ perspectives: ["p1"], events: 2 });
  });

  it("connection resets on every attempt: UNAVAILABLE, and the transaction is whole or absent", async () => {
    let fired = 0;
    const remove = inject(client, "deserialize", async (cmd, _in, send) => {
      if (cmd !== "TransactWriteItems") return send();
      fired++;
      await send();
      throw connectionReset();
    });
    const err = await b.dialogues.registerPerspective(perspective("p1")).catch((e) => e);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    remove();
    expect(fired).toBeGreaterThanOrEqual(1);
    // Every attempt reached the server before its response was lost: the input's one
    // perspective is there exactly once, whole, with the counters that go with it.
    await consistent({ perspectives: ["p1"], events: 1 });
    expect((await b.dialogues.exportDialogue("d")).perspectives).toEqual([{ ...perspective("p1"), createdAt: expect.any(String) }]);
  });

  it("a connection reset before the request leaves: retried, applied once", async () => {
    let fired = 0;
    inject(client, "deserialize", async (cmd, _in, send) =>
      cmd === "TransactWriteItems" && fired < 2 ? (fired++, Promise.reject(connectionReset())) : send(),
    );
    await b.dialogues.registerPerspective(perspective("p1"));
    expect(fired).toBe(2);
    await consistent({ perspectives: ["p1"], events: 1 });
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
    const events = copy.tensions.reduce((n, t) => n + t.events.length, 0);
    const { header, ...counts } = await partitionOf("copy");
    expect(counts).toEqual({ perspectives: 30, tensions: copy.tensions.length, events });
    expect([header!.pend, header!.pc, header!.tc]).toEqual([undefined, 30, copy.tensions.length]);
    const back = await b.dialogues.exportDialogue("copy");
    expect({ ...back, exportedAt: "" }).toEqual({ ...copy, exportedAt: "", links: [] });
  });

  it("batches never processed: a typed error listing the keys; the dialogue stays invisible; a re-run succeeds", async () => {
    const e = await b.dialogues.exportDialogue("d");
    const copy = {
      ...e,
      dialogue: { ...e.dialogue, id: "copy" },
      perspectives: [],
      tensions: e.tensions.map((t) => ({ ...t, dialogueId: "copy" })),
    };
    let fired = 0;
    const remove = inject(client, "initialize", async (cmd, input, send) => {
      if (cmd !== "BatchWriteItem") return send();
      fired++;
      return { output: { UnprocessedItems: input.RequestItems, $metadata: {} } };
    });
    const err = await b.dialogues.importDialogue(copy).catch((x) => x);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    expect(fired).toBeGreaterThan(0);
    expect(err.details.unprocessedKeys.length).toBeGreaterThan(0);
    expect(await b.dialogues.getDialogue("copy")).toBeNull();
    const left = await partitionOf("copy");
    expect(left.header === undefined || left.header.pend !== undefined).toBe(true);
    expect((await b.dialogues.listDialogues()).map((s) => s.id)).toEqual(["d"]);
    remove();
    await b.dialogues.importDialogue(copy);
    expect({ ...(await b.dialogues.exportDialogue("copy")), exportedAt: "" }).toEqual({ ...copy, exportedAt: "" });
  });

  it("an import interrupted without any cleanup (every UpdateItem failing): the same export re-runs at once; another waits for the lease", async () => {
    const e = await b.dialogues.exportDialogue("d");
    const copy = { ...e, dialogue: { ...e.dialogue, id: "copy" }, tensions: e.tensions.map((t) => ({ ...t, dialogueId: "copy" })) };
    let fired = 0;
    const remove = inject(client, "initialize", async (cmd, _in, send) =>
      cmd === "UpdateItem" ? (fired++, Promise.reject(connectionReset())) : send(),
    );
    expect(isStoreError(await b.dialogues.importDialogue(copy).catch((x) => x), "UNAVAILABLE")).toBe(true);
    remove();
    expect(fired).toBeGreaterThan(0);
    expect(await b.dialogues.getDialogue("copy")).toBeNull();
    expect((await partitionOf("copy")).header?.pend).toBe("import");
    const other = { ...copy, dialogue: { ...copy.dialogue, title: "Another export" } };
    expect(isStoreError(await b.dialogues.importDialogue(other).catch((x) => x), "ALREADY_EXISTS")).toBe(true);
    await b.dialogues.importDialogue(copy);
    expect({ ...(await b.dialogues.exportDialogue("copy")), exportedAt: "" }).toEqual({ ...copy, exportedAt: "" });
  });

  it("a deleteDocument interrupted after hiding the document: it reads as absent, and a re-run clears index, listing and statistics", async () => {
    const kept = await b.documents.addDocument({ title: "kept", body: "shared words" });
    const gone = await b.documents.addDocument({ title: "gone", body: "shared unique" });
    await b.links.addLink({ from: `document:${gone}`, to: "dialogue:d", kind: "cites" });
    let fired = 0;
    const remove = inject(client, "initialize", async (cmd, input, send) =>
      cmd === "BatchWriteItem" ? (fired++, { output: { UnprocessedItems: input.RequestItems, $metadata: {} } }) : send(),
    );
    expect(isStoreError(await b.documents.deleteDocument(gone).catch((x) => x), "UNAVAILABLE")).toBe(true);
    remove();
    expect(fired).toBeGreaterThan(0);
    // Hidden: out of the listing and the statistics at once, reads skip it.
    expect((await raw.header(gone))?.pend).toBe("delete");
    expect(await raw.listed()).toEqual([kept]);
    expect(await raw.statistics()).toEqual({ n: 1, tl: 3, pending: [] });
    // A small document's postings and counters go in the hiding transaction itself.
    expect(await raw.postings("gone unique")).toEqual({ gone: [], unique: [] });
    expect(await raw.frequencies("gone unique shared")).toEqual({ gone: 0, unique: 0, shared: 1 });
    expect(await b.documents.getDocument(gone)).toBeNull();
    expect(await b.documents.search("unique")).toEqual([]);
    expect((await b.documents.listDocumentsPage({})).items.map((d) => d.id)).toEqual([kept]);
    // The re-run finishes it: postings, link copies and links gone, the header a tombstone.
    expect(await b.documents.deleteDocument(gone)).toBe(false);
    expect(await raw.postings("kept gone shared words unique")).toEqual({
      kept: [kept],
      gone: [],
      shared: [kept],
      words: [kept],
      unique: [],
    });
    expect(await raw.statistics()).toEqual({ n: 1, tl: 3, pending: [] });
    expect(await raw.listed()).toEqual([kept]);
    expect((await raw.partition(gone)).map((i) => ({ sk: i.sk, del: i.del, h: i.h }))).toEqual([{ sk: "#", del: 1, h: undefined }]);
    expect(await b.links.linksTo("dialogue:d")).toEqual([]);
    expect(await b.links.listLinksPage({})).toEqual({ items: [] });
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

  it("a failed addDocument leaves no trace in postings, listings, statistics or its partition", async () => {
    const kept = await b.documents.addDocument({ title: "kept", body: "shared words here" });
    let fired = 0;
    const remove = inject(client, "initialize", async (cmd, _in, send) =>
      cmd === "TransactWriteItems" ? (fired++, Promise.reject(throttling())) : send(),
    );
    const err = await b.documents.addDocument({ title: "lost", body: "shared words unique" }).catch((x) => x);
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    remove();
    expect(fired).toBeGreaterThan(0);
    // What the input had: one document of four tokens kept, one of four lost.
    expect(await raw.statistics()).toEqual({ n: 1, tl: 4, pending: [] });
    expect(await raw.frequencies("shared lost unique")).toEqual({ shared: 1, lost: 0, unique: 0 });
    expect(await raw.listed()).toEqual([kept]);
    expect(await raw.postings("kept shared words here lost unique")).toEqual({
      kept: [kept],
      shared: [kept],
      words: [kept],
      here: [kept],
      lost: [],
      unique: [],
    });
    expect(await raw.partition(kept + 1)).toEqual([]);
    expect(await b.documents.search("unique")).toEqual([]);
    expect((await b.documents.search("shared")).map((d) => d.title)).toEqual(["kept"]);
    expect((await b.documents.listDocumentsPage({})).items.map((d) => d.title)).toEqual(["kept"]);
  });

  it("a failed deleteDocument transaction leaves the document whole: listing, statistics and postings unchanged", async () => {
    const id = await b.documents.addDocument({ title: "stays", body: "alpha beta" });
    let fired = 0;
    const remove = inject(client, "initialize", async (cmd, _in, send) =>
      cmd === "TransactWriteItems" ? (fired++, Promise.reject(throttling())) : send(),
    );
    expect(isStoreError(await b.documents.deleteDocument(id).catch((x) => x), "UNAVAILABLE")).toBe(true);
    remove();
    expect(fired).toBeGreaterThan(0);
    expect(await raw.statistics()).toEqual({ n: 1, tl: 3, pending: [] });
    expect(await raw.listed()).toEqual([id]);
    expect(await raw.postings("stays alpha beta")).toEqual({ stays: [id], alpha: [id], beta: [id] });
    expect((await raw.header(id))?.pend).toBeUndefined();
    expect((await b.documents.getDocument(id))?.title).toBe("stays");
  });

  it("an index change that fails after its commit: UNAVAILABLE saying the document was stored; the next search completes the index", async () => {
    const words = Array.from({ length: 80 }, (_, i) => `large${i}`).join(" ");
    let transactions = 0;
    // The commit (the first transaction) passes; every index transaction after it is throttled.
    const remove = inject(client, "initialize", async (cmd, _in, send) =>
      cmd === "TransactWriteItems" && ++transactions > 1 ? Promise.reject(throttling()) : send(),
    );
    const err = await b.documents.addDocument({ title: "large", body: words }).catch((x) => x);
    remove();
    expect(transactions).toBeGreaterThan(1);
    expect({ code: err.code, committed: err.details?.committed }).toEqual({ code: "UNAVAILABLE", committed: true });
    const id = err.details.documentId as number;
    expect((await b.documents.getDocument(id))?.title).toBe("large");
    expect((await raw.statistics()).pending).toEqual([id]);
    // A handle that repairs at once: the search completes the change, then ranks.
    const repairing = await openDynamoStorage({ client, tablePrefix: prefix, indexRepairAfterMs: 0 });
    try {
      expect((await repairing.documents.search("large0 large79")).map((d) => d.id)).toEqual([id]);
    } finally {
      await repairing.close();
    }
    expect((await raw.statistics()).pending).toEqual([]);
    expect(await raw.frequencies("large0 large42 large79")).toEqual({ large0: 1, large42: 1, large79: 1 });
    expect((await raw.header(id))?.ixv).toBe((await raw.header(id))?.v);
  });
});
