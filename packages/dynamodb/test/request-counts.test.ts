import type { StorageBackend } from "@blue/store-core";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DEFAULT_SHARDS, openDynamoStorage } from "../src";
import { freshBackend, localClient, steppingClock } from "./support/local";
import { countRequests, requestsOf, type RequestLog } from "./support/requests";

// The documented request counts of docs/access-patterns.md, measured through the
// SDK middleware stack (one count per command sent by the backend, before SDK retries).
// Listings read one Query per shard (K = DEFAULT_SHARDS); links touching a dialogue add one
// BatchGetItem of its header (is a delete or import under way?).
const K = DEFAULT_SHARDS;
describe("request counts per contract method", () => {
  let b: StorageBackend;
  let log: RequestLog;
  let dispose: () => Promise<void>;
  let client: DynamoDBClient;
  let prefix: string;
  let counted: ReturnType<typeof localClient>;
  const things = () => b.store<{ k: string; s: string; n: number }>({ name: "things", key: (i) => ({ pk: i.k, sk: i.s }) });

  beforeAll(async () => {
    client = localClient();
    counted = client;
    log = countRequests(client);
    const fresh = await freshBackend({ client, clock: steppingClock() });
    prefix = fresh.prefix;
    b = fresh.backend;
    prefix = fresh.prefix;
    dispose = async () => {
      await fresh.dispose();
      client.destroy();
    };
    await b.dialogues.createDialogue({ id: "d1", title: "Dialogue one" });
    await b.dialogues.registerTension({ dialogueId: "d1", id: "t1", round: 1, expert: "e", label: "l", content: "c" });
    for (let i = 0; i < 5; i++) await b.dialogues.createDialogue({ id: `o${i}`, title: `Other ${i}` });
    for (let i = 0; i < 5; i++) await b.documents.addDocument({ title: `Doc ${i}`, body: `alpha beta gamma ${i}` });
    await b.links.addLink({ from: "document:1", to: "dialogue:d1", kind: "cites" });
    await b.links.addLink({ from: "document:4", to: "document:5", kind: "cites" });
    await things().put({ k: "p", s: "a", n: 1 });
  });
  afterAll(() => dispose());

  const cases: Array<[string, () => Promise<unknown>, Record<string, number>]> = [
    ["createDialogue", () => b.dialogues.createDialogue({ id: "new1", title: "New" }), { PutItem: 1 }],
    ["getDialogue", () => b.dialogues.getDialogue("d1"), { GetItem: 1 }],
    ["updateDialogue", () => b.dialogues.updateDialogue("d1", { title: "Renamed" }), { GetItem: 1, UpdateItem: 1 }],
    [
      "registerPerspective",
      () => b.dialogues.registerPerspective({ dialogueId: "d1", id: "p1", round: 1, expert: "e", label: "l", content: "c" }),
      { TransactWriteItems: 1 },
    ],
    [
      "registerTension",
      () => b.dialogues.registerTension({ dialogueId: "d1", id: "t2", round: 1, expert: "e", label: "l", content: "c" }),
      { TransactWriteItems: 1 },
    ],
    [
      "updateTensionStatus",
      () => b.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "addressed", {}, { ifStatus: "open" }),
      { GetItem: 1, TransactWriteItems: 1 },
    ],
    ["exportDialogue", () => b.dialogues.exportDialogue("d1"), { Query: 1 }],
    ["listDialogues()", () => b.dialogues.listDialogues(), { Query: K }],
    ["listDialogues(status)", () => b.dialogues.listDialogues("open"), { Query: K }],
    ["listDialoguesPage", () => b.dialogues.listDialoguesPage({ status: "open", limit: 3 }), { Query: K }],
    // The handle leased its block of ids with its first addDocument (see "id blocks" below).
    // A small document commits with its postings, counters and term list in one transaction.
    [
      "addDocument (4 distinct tokens)",
      () => b.documents.addDocument({ title: "Fresh", body: "one two three" }),
      { TransactWriteItems: 1 },
    ],
    ["getDocument", () => b.documents.getDocument(2), { GetItem: 1 }],
    ["updateDocument (metadata only)", () => b.documents.updateDocument(2, { metadata: { a: 1 } }), { GetItem: 1, PutItem: 1 }],
    ["updateDocument (body)", () => b.documents.updateDocument(2, { body: "delta epsilon" }), { GetItem: 1, TransactWriteItems: 1 }],
    // One Query per listing shard (a K-way merge by id), then the headers in one BatchGetItem.
    ["listDocumentsPage", () => b.documents.listDocumentsPage({ limit: 3 }), { Query: DEFAULT_SHARDS, BatchGetItem: 1 }],
    // Statistics and counters in one BatchGetItem; the rarer token's list (a Query per posting
    // shard holding any of it: documents 1–5 (one was deleted above) lie in 4 of the 8), the
    // other token point-checked, the hits loaded (a BatchGetItem each).
    ["search (2 tokens)", () => b.documents.search("alpha beta"), { BatchGetItem: 3, Query: 4 }],
    // A token no document holds: its counters say so, and nothing more is read.
    ["search (no match)", () => b.documents.search("zzz"), { BatchGetItem: 1 }],
    // An id above what the handle knows of the id counter raises it (to the next multiple of 1,024) …
    [
      "importDocument (new id above the counter)",
      () =>
        b.documents.importDocument({
          id: 3000,
          title: "Imported",
          body: "one two",
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
        }),
      { GetItem: 1, UpdateItem: 1, TransactWriteItems: 1 },
    ],
    // … and ids up to that multiple need no counter write.
    [
      "importDocument (new id below the counter)",
      () =>
        b.documents.importDocument({
          id: 3001,
          title: "Imported",
          body: "one two",
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
        }),
      { GetItem: 1, TransactWriteItems: 1 },
    ],
    // Hide (header + listing + statistics + postings in one transaction), the link copies, the
    // links in a batch, the tombstone with the term list's removal.
    [
      "deleteDocument (with a link)",
      () => b.documents.deleteDocument(1),
      { GetItem: 1, TransactWriteItems: 2, Query: 1, BatchWriteItem: 1 },
    ],
    ["addLink", () => b.links.addLink({ from: "document:3", to: "dialogue:d1", kind: "k" }), { TransactWriteItems: 1 }],
    ["linksFrom", () => b.links.linksFrom("document:3"), { Query: 1, BatchGetItem: 1 }],
    ["linksFrom (no dialogue end)", () => b.links.linksFrom("document:4"), { Query: 1 }],
    ["linksTo", () => b.links.linksTo("dialogue:d1"), { Query: 1, BatchGetItem: 1 }],
    ["listLinksPage", () => b.links.listLinksPage({ limit: 10 }), { Query: K, BatchGetItem: 1 }],
    ["removeLink", () => b.links.removeLink("document:3", "dialogue:d1", "k"), { TransactWriteItems: 1 }],
    ["store.put", () => things().put({ k: "p", s: "b", n: 2 }), { PutItem: 1 }],
    ["store.get", () => things().get("p", "a"), { GetItem: 1 }],
    ["store.query", () => things().query("p", ""), { Query: 1 }],
    ["store.queryPage", () => things().queryPage("p", "", { limit: 1 }), { Query: 1 }],
    ["store.delete", () => things().delete("p", "b"), { DeleteItem: 1 }],
    ["deleteDialogue (small)", () => b.dialogues.deleteDialogue("o1"), { UpdateItem: 1, Query: 1, DeleteItem: 1 }],
    ["store.put (ttlSeconds)", () => things().put({ k: "p", s: "ttl", n: 3 }, { ttlSeconds: 60 }), { PutItem: 1 }],
    ["store.get (an item with expiry)", () => things().get("p", "ttl"), { GetItem: 1 }],
    [
      "store.getMany (3 keys)",
      () =>
        things().getMany([
          { pk: "p", sk: "a" },
          { pk: "p", sk: "ttl" },
          { pk: "q", sk: "none" },
        ]),
      { BatchGetItem: 1 },
    ],
    [
      "store.getMany (250 keys: 100 per request)",
      () => things().getMany(Array.from({ length: 250 }, (_, i) => ({ pk: "m", sk: String(i) }))),
      { BatchGetItem: 3 },
    ],
    [
      "store.putMany (60 items: 25 per request)",
      () => things().putMany(Array.from({ length: 60 }, (_, i) => ({ k: "m", s: String(i), n: i }))),
      { BatchWriteItem: 3 },
    ],
    [
      "store.deleteMany (60 keys)",
      () => things().deleteMany(Array.from({ length: 60 }, (_, i) => ({ pk: "m", sk: String(i) }))),
      { BatchGetItem: 1, BatchWriteItem: 3 },
    ],
    [
      "store.transact (3 ops)",
      () =>
        things().transact([
          { put: { k: "t", s: "1", n: 1 }, ifNotExists: true },
          { delete: { pk: "t", sk: "2" } },
          { check: { pk: "p", sk: "a" }, exists: true },
        ]),
      { TransactWriteItems: 1 },
    ],
    [
      "store.getMany / putMany / deleteMany / transact of nothing",
      () => Promise.all([things().getMany([]), things().putMany([]), things().deleteMany([]), things().transact([])]),
      {},
    ],
  ];

  it.each(cases)("%s", async (_name, fn, expected) => {
    expect(await requestsOf(log, fn)).toEqual(expected);
  });

  it("importDialogue = GetItem + PutItem + one BatchWriteItem per 25 items + UpdateItem", async () => {
    const e = await b.dialogues.exportDialogue("d1");
    const perspectives = Array.from({ length: 60 }, (_, i) => ({ ...e.perspectives[0]!, id: `p${String(i).padStart(3, "0")}` }));
    const data = {
      ...e,
      dialogue: { ...e.dialogue, id: "copy" },
      perspectives: perspectives.map((p) => ({ ...p, dialogueId: "copy" })),
      tensions: e.tensions.map((t) => ({ ...t, dialogueId: "copy" })),
      links: [],
    };
    const items = 60 + e.tensions.length + e.tensions.reduce((n, t) => n + t.events.length, 0);
    expect(await requestsOf(log, () => b.dialogues.importDialogue(data))).toEqual({
      GetItem: 1,
      PutItem: 1,
      BatchWriteItem: Math.ceil(items / 25),
      UpdateItem: 1,
    });
  });

  it("importDialogue replace = GetItem + UpdateItem (claim) + Query + BatchWriteItem (old items) + PutItem (header) + batches + UpdateItem (reveal)", async () => {
    const e = await b.dialogues.exportDialogue("d1");
    const counts = await requestsOf(log, () =>
      b.dialogues.importDialogue({ ...e, dialogue: { ...e.dialogue, title: "Replaced" } }, { onConflict: "replace" }),
    );
    expect(counts).toEqual({ GetItem: 1, UpdateItem: 2, Query: 1, BatchWriteItem: 2, PutItem: 1 });
  });

  it("a header write on a dialogue whose status this handle guesses wrong costs one more TransactWriteItems", async () => {
    await b.dialogues.createDialogue({ id: "conv", title: "C", status: "converged" });
    const other = await openDynamoStorage({ client, tablePrefix: prefix, clock: steppingClock(Date.parse("2027-01-01T00:00:00.000Z")) });
    try {
      const counts = await requestsOf(log, () =>
        other.dialogues.registerPerspective({ dialogueId: "conv", id: "p1", round: 1, expert: "e", label: "l", content: "c" }),
      );
      expect(counts).toEqual({ TransactWriteItems: 2 });
      expect(
        await requestsOf(log, () =>
          other.dialogues.registerPerspective({ dialogueId: "conv", id: "p2", round: 1, expert: "e", label: "l", content: "c" }),
        ),
      ).toEqual({ TransactWriteItems: 1 });
      expect((await b.dialogues.listDialogues("converged")).map((d) => [d.id, d.perspectiveCount])).toEqual([["conv", 2]]);
    } finally {
      await other.close();
    }
  });

  it("exportDialogue of a ~3 MB dialogue = 3 or 4 Query pages", async () => {
    await b.dialogues.createDialogue({ id: "big", title: "Big" });
    const content = "x".repeat(300 * 1024);
    for (let i = 0; i < 10; i++)
      await b.dialogues.registerPerspective({ dialogueId: "big", id: `p${i}`, round: 1, expert: "e", label: "l", content });
    const counts = await requestsOf(log, () => b.dialogues.exportDialogue("big"));
    expect(Object.keys(counts)).toEqual(["Query"]);
    expect(counts.Query).toBeGreaterThanOrEqual(3);
    expect(counts.Query).toBeLessThanOrEqual(4);
  });

  it("listDialoguesPage = K Queries per page (one per shard) and a few more where a shard holds more of the page, never a Scan", async () => {
    for (let i = 0; i < 12; i++) await b.dialogues.createDialogue({ id: `page${i}`, title: "p", status: "abandoned" });
    log.reset();
    let seen = 0;
    for await (const _ of b.dialogues.iterateDialogues("abandoned", { pageSize: 5 })) seen++;
    expect(seen).toBe(12);
    // A page is a merge of every listing shard: K Queries, a few more when a shard runs dry mid-page.
    expect(Object.keys(log.counts())).toEqual(["Query"]);
    expect(log.counts().Query).toBeGreaterThanOrEqual(3 * K);
    expect(log.counts().Query).toBeLessThanOrEqual(3 * K + 6);
  });

  it("store.iterate = 1 Query per page", async () => {
    await things().putMany(Array.from({ length: 12 }, (_, i) => ({ k: "it", s: String(i).padStart(2, "0"), n: i })));
    log.reset();
    let seen = 0;
    for await (const _ of things().iterate("it", "", { pageSize: 5 })) seen++;
    expect(seen).toBe(12);
    expect(log.counts()).toEqual({ Query: 3 });
  });

  it("a 10 MiB document: addDocument writes its chunks in batches; getDocument = GetItem + 1 BatchGetItem", async () => {
    const body = "lorem ".repeat((10 * 1024 * 1024) / 6);
    const id = await b.documents.addDocument({ title: "huge", body });
    const counts = await requestsOf(log, () => b.documents.getDocument(id));
    expect(counts).toEqual({ GetItem: 1, BatchGetItem: 1 });
  });

  it("deleteDocument of a 5 MiB document reads its body once: its reads cost what getDocument costs, plus one Query of link copies", async () => {
    const id = await b.documents.addDocument({ title: "five", body: "ipsum ".repeat((5 * 1024 * 1024) / 6) });
    log.reset();
    await b.documents.getDocument(id);
    const get = log.capacityBy();
    const getRcu = (get.GetItem ?? 0) + (get.BatchGetItem ?? 0);
    expect(getRcu).toBeGreaterThan(1000);
    expect(await requestsOf(log, () => b.documents.deleteDocument(id))).toEqual({
      GetItem: 1,
      BatchGetItem: 1,
      TransactWriteItems: 2,
      Query: 1,
      BatchWriteItem: 1,
    });
    const del = log.capacityBy();
    const deleteRcu = (del.GetItem ?? 0) + (del.BatchGetItem ?? 0) + (del.Query ?? 0);
    expect(deleteRcu).toBeLessThanOrEqual(getRcu + 2);
  });

  it("id blocks: a new handle leases 64 ids with one UpdateItem, then 128, …; the writes in between touch no shared counter", async () => {
    const second = await openDynamoStorage({ client: counted, tablePrefix: prefix });
    try {
      const leases: number[] = [];
      for (let i = 0; i < 65; i++) {
        const counts = await requestsOf(log, () => second.documents.addDocument({ title: `lease ${i}`, body: "x" }));
        if (counts.UpdateItem) leases.push(i);
        expect({ ...counts, UpdateItem: 0 }).toEqual({ TransactWriteItems: 1, UpdateItem: 0 });
      }
      expect(leases).toEqual([0, 64]);
    } finally {
      await second.close();
    }
  });
});
