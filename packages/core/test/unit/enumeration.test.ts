import { createMemoryStorage } from "../../src/memory";
import { enumerateStorage, restoreStorage, validateStorageRecord, type StorageRecord } from "../../src/enumeration";
import { isStoreError } from "../../src/errors";

async function collect(records: AsyncIterable<StorageRecord>): Promise<StorageRecord[]> {
  const out: StorageRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

const at = "2026-01-01T00:00:00.000Z";

describe("validateStorageRecord accepts exactly what restore reproduces", () => {
  test("every record a backend yields is valid", async () => {
    const b = createMemoryStorage();
    await b.documents.addDocument({ title: "t", body: "b", metadata: { a: 1 } });
    await b.dialogues.createDialogue({ id: "d1", title: "d" });
    await b.links.addLink({ from: "dialogue:d1", to: "document:1", kind: "cites" });
    await b.store<{ v: number }>({ name: "s", key: () => ({ pk: "p", sk: "s" }) }).put({ v: 1 });
    const records = await collect(enumerateStorage(b));
    expect(records.map((r) => r.kind)).toEqual(["document", "dialogue", "link", "item"]);
    for (const r of records) expect(validateStorageRecord(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });

  test.each<[string, unknown]>([
    [
      "a dialogue with a field the store drops",
      {
        kind: "dialogue",
        dialogue: { id: "d1", title: "t", status: "open", createdAt: at, updatedAt: at, perspectiveCount: 0 },
        perspectives: [],
        tensions: [],
      },
    ],
    [
      "a document with an unknown field",
      { kind: "document", document: { id: 1, title: "t", body: "", createdAt: at, updatedAt: at, extra: 1 } },
    ],
    ["a link without createdAt", { kind: "link", link: { from: "document:1", to: "document:2", kind: "k" } }],
    ["an item in a badly named store", { kind: "item", store: "1bad", pk: "p", sk: "s", item: {} }],
    ["an item with an empty pk", { kind: "item", store: "s", pk: "", sk: "s", item: {} }],
    ["an item with a bad expiresAt", { kind: "item", store: "s", pk: "p", sk: "s", item: {}, expiresAt: "tomorrow" }],
    ["an unknown kind", { kind: "table" }],
    [
      "a record with an extra field",
      { kind: "link", link: { from: "document:1", to: "document:2", kind: "k", createdAt: at }, extra: true },
    ],
  ])("refuses %s (VALIDATION)", (_name, value) => {
    let error: unknown;
    try {
      validateStorageRecord(value);
    } catch (e) {
      error = e;
    }
    expect(isStoreError(error, "VALIDATION")).toBe(true);
  });

  test("an item over 350 KiB is ITEM_TOO_LARGE", () => {
    expect(() => validateStorageRecord({ kind: "item", store: "s", pk: "p", sk: "s", item: { pad: "x".repeat(360 * 1024) } })).toThrow(
      expect.objectContaining({ code: "ITEM_TOO_LARGE" }),
    );
  });

  test("restoreStorage writes an item's expiry, and the catalog reports it back", async () => {
    const b = createMemoryStorage({ clock: () => new Date(Date.parse(at) - 60_000) });
    await restoreStorage(b, [{ kind: "item", store: "s", pk: "p", sk: "s", item: { pk: "p", sk: "s" }, expiresAt: at }]);
    const items = [];
    for await (const r of b.catalog!.items("s")) items.push(r);
    expect(items).toEqual([{ store: "s", pk: "p", sk: "s", item: { pk: "p", sk: "s" }, expiresAt: at }]);
  });

  test("enumerateStorage of a backend without a catalog is NOT_SUPPORTED before anything is read", async () => {
    const { catalog: _c, ...rest } = createMemoryStorage();
    await expect(collect(enumerateStorage(rest))).rejects.toMatchObject({ code: "NOT_SUPPORTED" });
  });
});
