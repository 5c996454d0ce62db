import { createMemoryStorage, memoryEngine, openStore, type StorageBackend } from "../../src";

describe("openStore: one store of a backend it owns", () => {
  it("is the backend's store, with backend and a close() that closes exactly that backend", async () => {
    let closes = 0;
    const opened = createMemoryStorage();
    const backend: StorageBackend = { ...opened, close: () => (closes++, opened.close()) };
    const dialogues = await openStore(Promise.resolve(backend), "dialogues");
    expect(Object.getPrototypeOf(dialogues)).toBe(Object.getPrototypeOf(opened.dialogues));
    expect("close" in dialogues && "backend" in dialogues && "createDialogue" in dialogues).toBe(true);
    expect(dialogues.backend).toBe(backend);
    const id = await dialogues.createDialogue({ title: "alone" });
    expect((await dialogues.getDialogue(id))?.title).toBe("alone");
    await dialogues.close();
    expect(closes).toBe(1);
    await expect(dialogues.getDialogue(id)).rejects.toMatchObject({ code: "CLOSED" });
    await expect(backend.documents.getDocument(1)).rejects.toMatchObject({ code: "CLOSED" });
  });

  it("a backend's own stores have no close(): closing one cannot take the others' backend", () => {
    const backend = createMemoryStorage();
    for (const store of [backend.dialogues, backend.documents, backend.links]) expect("close" in store).toBe(false);
  });
});

describe("memoryEngine", () => {
  it("has no settings and opens a fresh private store each time, with the given clock", async () => {
    expect(memoryEngine.settings).toEqual({});
    const clock = () => new Date("2026-02-02T10:00:00.000Z");
    const context = { clock, create: true, projectRoot: "/proj", configFile: null };
    const a = await memoryEngine.open({}, context);
    const b = await memoryEngine.open(await memoryEngine.isolate!({}, "x"), context);
    const id = await a.dialogues.createDialogue({ title: "only in a" });
    expect((await a.dialogues.getDialogue(id))?.createdAt).toBe("2026-02-02T10:00:00.000Z");
    expect(await b.dialogues.getDialogue(id)).toBeNull();
    await Promise.all([a.close(), b.close()]);
  });
});
