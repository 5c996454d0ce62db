import { createMemoryStorage, isStoreError, type Document, type StorageBackend } from "@blue/store-core";
import { encodeCursor } from "@blue/store-core/engine";
import { openDynamoStorage } from "../src";
import { freshBackend, localClient, steppingClock, uniquePrefix, dropTable } from "./support/local";
import { RawTable } from "./support/table";

const at = "2026-01-01T00:00:00.000Z";
const doc = (id: number, title = `d${id}`): Document => ({ id, title, body: `body of ${id}`, createdAt: at, updatedAt: at });

// The documents' DynamoDB layout: a partition per document, ids leased in blocks per handle,
// a listing sharded by id and merged in id order, the table's recorded shard count.
describe("documents on DynamoDB: leased ids, sharded listing, shard count", () => {
  const client = localClient();
  afterAll(() => client.destroy());

  it("an id another handle imported or deleted inside this handle's block is skipped, never reused", async () => {
    const { backend: a, prefix, dispose } = await freshBackend({ client, clock: steppingClock() });
    const b = await openDynamoStorage({ client, tablePrefix: prefix });
    try {
      expect(await a.documents.addDocument({ title: "one", body: "" })).toBe(1); // a leases 1..64
      await b.documents.importDocument(doc(3, "imported"));
      await b.documents.importDocument(doc(4, "imported then deleted"));
      expect(await b.documents.deleteDocument(4)).toBe(true);
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) ids.push(await a.documents.addDocument({ title: `a${i}`, body: "" }));
      expect(ids).toEqual([2, 5, 6, 7]);
      expect((await a.documents.getDocument(3))?.title).toBe("imported");
      expect(await a.documents.getDocument(4)).toBeNull();
      // b leased its own block above a's (the imported ids were below the counter).
      expect(await b.documents.addDocument({ title: "b", body: "" })).toBe(65);
      // importDocument may write over a tombstone (a restore of a deleted document).
      await b.documents.importDocument(doc(4, "restored"));
      expect((await a.documents.getDocument(4))?.title).toBe("restored");
    } finally {
      await b.close();
      await dispose();
    }
  });

  it("an import above the counter: the importing handle continues right after it (as memory does), concurrent adds stay unique", async () => {
    const { backend: a, prefix, dispose } = await freshBackend({ client, clock: steppingClock() });
    const b = await openDynamoStorage({ client, tablePrefix: prefix });
    try {
      expect(await a.documents.addDocument({ title: "one", body: "" })).toBe(1);
      const adds = Array.from({ length: 30 }, (_, i) => a.documents.addDocument({ title: `c${i}`, body: "" }));
      await a.documents.importDocument(doc(5000, "imported"));
      const ids = await Promise.all(adds);
      expect(new Set(ids).size).toBe(30);
      expect(ids).not.toContain(5000);
      const after = await a.documents.addDocument({ title: "after", body: "" });
      expect(after).toBeGreaterThan(5000);
      expect(after).toBeLessThanOrEqual(5000 + ids.filter((id) => id > 5000).length + 1);
      // The ids up to the next multiple of 1,024 went to a; b's first block starts above them.
      expect(await b.documents.addDocument({ title: "b", body: "" })).toBe(5121);
      expect((await a.documents.getDocument(5000))?.title).toBe("imported");
    } finally {
      await b.close();
      await dispose();
    }
  });

  it("listDocumentsPage merges uneven shards in id order, for every page size, as memory does", async () => {
    const { backend: d, dispose } = await freshBackend({ client, clock: steppingClock(), shards: 4 });
    const m = createMemoryStorage({ clock: steppingClock() });
    try {
      for (const s of [d, m]) {
        for (let i = 1; i <= 40; i++) await s.documents.importDocument(doc(i));
        // Empty shard 1 and thin shard 2 out, so the merge must read on unevenly.
        for (let i = 1; i <= 40; i++) if (i % 4 === 1 || (i % 4 === 2 && i > 6)) await s.documents.deleteDocument(i);
        await s.documents.importDocument(doc(1000));
      }
      for (const limit of [1, 2, 3, 5, 7, 8, 20, 1000]) {
        const pages = async (s: StorageBackend) => {
          const out: Array<{ ids: number[]; more: boolean }> = [];
          let cursor: string | undefined;
          do {
            const page = await s.documents.listDocumentsPage({ limit, ...(cursor ? { cursor } : {}) });
            out.push({ ids: page.items.map((x) => x.id), more: page.cursor !== undefined });
            cursor = page.cursor;
          } while (cursor);
          return out;
        };
        expect({ limit, pages: await pages(d) }).toEqual({ limit, pages: await pages(m) });
      }
    } finally {
      await dispose();
    }
  });

  it("forged cursors: a valid checksum with an impossible position is VALIDATION; any real position pages as memory does", async () => {
    const { backend: d, dispose } = await freshBackend({ client, clock: steppingClock() });
    const m = createMemoryStorage({ clock: steppingClock() });
    try {
      for (const s of [d, m]) for (const id of [2, 3, 9, 40]) await s.documents.importDocument(doc(id));
      for (const position of [0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, "5", [5], null, { id: 5 }, "9".repeat(3000)]) {
        const err = await d.documents.listDocumentsPage({ cursor: encodeCursor("documents", position as never) }).catch((e) => e);
        expect({ position, code: isStoreError(err) ? err.code : String(err) }).toEqual({ position, code: "VALIDATION" });
      }
      for (const position of [1, 3, 8, 40, 41, Number.MAX_SAFE_INTEGER]) {
        const cursor = encodeCursor("documents", position);
        expect(await d.documents.listDocumentsPage({ cursor, limit: 2 })).toEqual(
          await m.documents.listDocumentsPage({ cursor, limit: 2 }),
        );
      }
    } finally {
      await dispose();
    }
  });

  it("the shard count is recorded by the first handle; another count is CONFIG, a bad one VALIDATION", async () => {
    const prefix = uniquePrefix("shards");
    try {
      const first = await openDynamoStorage({ client, tablePrefix: prefix, createTables: true, shards: 8 });
      await first.documents.addDocument({ title: "t", body: "eight shards" });
      await first.close();
      const err = await openDynamoStorage({ client, tablePrefix: prefix, shards: 16 }).catch((e) => e);
      expect(isStoreError(err, "CONFIG")).toBe(true);
      expect(err.message).toMatch(/sharded over 8 partition keys.*shards = 16.*blue-store migrate/);
      const again = await openDynamoStorage({ client, tablePrefix: prefix });
      expect((await again.documents.search("eight")).map((x) => x.title)).toEqual(["t"]);
      expect((await again.documents.listDocumentsPage({})).items).toHaveLength(1);
      await again.close();
      const raw = new RawTable(client, prefix, 8);
      expect(await raw.statistics()).toEqual({ n: 1, tl: 3, pending: [] });
      for (const shards of [0, 257, 1.5, "8"]) {
        const bad = await openDynamoStorage({ client, tablePrefix: prefix, shards: shards as never }).catch((e) => e);
        expect({ shards, code: bad.code, field: bad.details?.field }).toEqual({ shards, code: "VALIDATION", field: "shards" });
      }
    } finally {
      await dropTable(client, prefix);
    }
  });

  it("issue 15 item 5: addDocument after an import of id 2^53 − 1 is VALIDATION on DynamoDB (no raw BigInt or TypeError), and overwrites nothing", async () => {
    const { backend: d, prefix, dispose } = await freshBackend({ client, clock: steppingClock() });
    try {
      await d.documents.importDocument(doc(Number.MAX_SAFE_INTEGER, "last"));
      const other = await openDynamoStorage({ client, tablePrefix: prefix });
      for (const s of [d, other]) {
        const err = await s.documents.addDocument({ title: "over", body: "" }).catch((e) => e);
        expect({ code: err.code, field: err.details?.field, name: err.name }).toEqual({
          code: "VALIDATION",
          field: "id",
          name: "ValidationError",
        });
      }
      await other.close();
      expect((await d.documents.getDocument(Number.MAX_SAFE_INTEGER))?.title).toBe("last");
      expect((await d.documents.listDocumentsPage({})).items.map((x) => x.id)).toEqual([Number.MAX_SAFE_INTEGER]);
    } finally {
      await dispose();
    }
  });
});
