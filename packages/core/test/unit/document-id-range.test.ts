import { LIMITS, createMemoryStorage, isStoreError } from "../../src";
import { nextDocumentId } from "../../src/engine";

// Issue 15 item 5: after importDocument with id 2^53 − 1 the memory backend returned 2^53
// twice and silently overwrote a document. Ids are 1 … LIMITS.documentIdMax on every backend.
describe("issue 15 item 5: document ids near Number.MAX_SAFE_INTEGER", () => {
  const last = {
    id: Number.MAX_SAFE_INTEGER,
    title: "last",
    body: "kept",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };

  it("the id range is 1 … 2^53 − 1", () => {
    expect(LIMITS.documentIdMax).toBe(2 ** 53 - 1);
    expect(nextDocumentId(0)).toBe(1);
    expect(nextDocumentId(2 ** 53 - 2)).toBe(2 ** 53 - 1);
    const err = (() => {
      try {
        return nextDocumentId(2 ** 53 - 1);
      } catch (e) {
        return e;
      }
    })();
    expect(isStoreError(err, "VALIDATION")).toBe(true);
    expect((err as { details: unknown }).details).toEqual({ field: "id", limit: 2 ** 53 - 1 });
  });

  it("memory: addDocument after the last id is VALIDATION, never 2^53, and the last document stays", async () => {
    const b = createMemoryStorage();
    await b.documents.importDocument(last);
    for (let i = 0; i < 2; i++) {
      const err = await b.documents.addDocument({ title: "over", body: "over" }).catch((e) => e);
      expect(isStoreError(err, "VALIDATION")).toBe(true);
      expect(err.message).toMatch(/no document id is left/);
    }
    expect(await b.documents.getDocument(Number.MAX_SAFE_INTEGER)).toEqual(last);
    expect((await b.documents.listDocumentsPage({})).items).toHaveLength(1);
    expect(isStoreError(await b.documents.importDocument({ ...last, id: 2 ** 53 }).catch((e) => e), "VALIDATION")).toBe(true);
  });
});
