import { memoryEngine } from "@blue/store-core";
import { createDialogueStore, createDocumentStore, createStorage, openStorage, parseConfig, type BlueConfig } from "../../src";
import { FIXED_CLOCK, tempProject } from "../helpers/project";

let MEMORY: BlueConfig;
beforeAll(async () => {
  MEMORY = await parseConfig('[storage]\nbackend = "memory"\n', { projectRoot: "/proj" });
});

describe("createStorage with the memory backend", () => {
  it("opens the memory backend with the given clock", async () => {
    const backend = await createStorage(MEMORY, { clock: FIXED_CLOCK });
    expect(backend.name).toBe("memory");
    const id = await backend.dialogues.createDialogue({ title: "Clocked" });
    expect((await backend.dialogues.getDialogue(id))?.createdAt).toBe("2026-02-02T10:00:00.000Z");
    await backend.close();
  });

  it("opens through the memory engine's descriptor from core", () => {
    expect(MEMORY.engine).toBe(memoryEngine);
    expect(MEMORY.settings).toEqual({});
  });

  it("rejects a config object built by hand without an engine descriptor", async () => {
    const bad = { ...MEMORY, engine: { name: "redis" } } as unknown as BlueConfig;
    await expect(createStorage(bad)).rejects.toMatchObject({
      code: "CONFIG",
      message:
        "config.engine is not an engine descriptor (it has no open(settings, context) function); build the config with parseConfig or loadConfig",
    });
  });
});

describe("openStorage", () => {
  it("loads the project's config and opens its backend", async () => {
    const project = tempProject();
    try {
      project.write(".blue/config.toml", '[storage]\nbackend = "memory"\n');
      const backend = await openStorage({ cwd: project.root, env: {}, clock: FIXED_CLOCK });
      expect(backend.name).toBe("memory");
      await backend.close();
    } finally {
      project.remove();
    }
  });
});

describe("createDialogueStore / createDocumentStore", () => {
  it("give the backend's dialogue store, closable through close()", async () => {
    const dialogues = await createDialogueStore(MEMORY, { clock: FIXED_CLOCK });
    const id = await dialogues.createDialogue({ id: "d1", title: "RFC factories" });
    expect(await dialogues.getDialogue(id)).toMatchObject({ id: "d1", title: "RFC factories", status: "open" });
    expect(dialogues.backend.name).toBe("memory");
    await dialogues.close();
    await expect(dialogues.getDialogue("d1")).rejects.toMatchObject({ code: "CLOSED" });
    await expect(dialogues.backend.documents.getDocument(1)).rejects.toMatchObject({ code: "CLOSED" });
  });

  it("give the backend's document store", async () => {
    const documents = await createDocumentStore(MEMORY);
    const id = await documents.addDocument({ title: "Storage", body: "same interface, different engine" });
    expect((await documents.search("engine")).map((d) => d.id)).toEqual([id]);
    await documents.close();
    await expect(documents.addDocument({ title: "late", body: "" })).rejects.toMatchObject({ code: "CLOSED" });
  });
});
