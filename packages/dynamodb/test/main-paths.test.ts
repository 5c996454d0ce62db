import { createMemoryStorage, isStoreError } from "@blue/store-core";
import { freshBackend, steppingClock } from "./support/local";

describe("the main paths agree with the memory backend", () => {
  it("dialogues, tensions, links, documents, search and generic items read back alike", async () => {
    const { backend: b, dispose } = await freshBackend({ clock: steppingClock() });
    const m = createMemoryStorage({ clock: steppingClock() });
    try {
      for (const s of [b, m]) {
        const id = await s.dialogues.createDialogue({ id: "d1", title: "Hello" });
        expect(id).toBe("d1");
        await s.dialogues.registerPerspective({ dialogueId: "d1", id: "p1", round: 1, expert: "e", label: "l", content: "c" });
        await s.dialogues.registerTension({ dialogueId: "d1", id: "t1", round: 1, expert: "e", label: "l", content: "c" });
        await s.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "resolved", { note: "done" }, { ifStatus: "open" });
        await s.links.addLink({ from: "dialogue:d1/tension:t1", to: "document:1", kind: "cites" });
        const docId = await s.documents.addDocument({ title: "Café", body: "olé olé world" });
        await s.documents.addDocument({ title: "second", body: "world peace" });
        await s
          .store<{ k: string; s: string; v: number }>({ name: "things", key: (i) => ({ pk: i.k, sk: i.s }) })
          .put({ k: "a", s: "b", v: 1 });
        expect(docId).toBe(1);
      }
      const pick = async (s: typeof b) => ({
        dialogue: await s.dialogues.getDialogue("d1"),
        list: await s.dialogues.listDialogues(),
        exp: { ...(await s.dialogues.exportDialogue("d1")), exportedAt: "x" },
        search: await s.documents.search("world"),
        search2: await s.documents.search("cafe"),
        page: await s.documents.listDocumentsPage({ limit: 1 }),
        links: await s.links.linksFrom("dialogue:d1/tension:t1"),
        linksTo: await s.links.linksTo("document:1"),
        all: await s.links.listLinksPage({}),
        item: await s.store<{ k: string; s: string; v: number }>({ name: "things", key: (i) => ({ pk: i.k, sk: i.s }) }).query("a", ""),
      });
      const [x, y] = [await pick(b), await pick(m)];
      expect(x).toEqual(y);
      const err = await b.dialogues
        .updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "open", {}, { ifStatus: "open" })
        .catch((e) => e);
      expect(isStoreError(err, "CONDITION_FAILED")).toBe(true);
      expect(await b.dialogues.deleteDialogue("d1")).toBe(true);
      expect(await b.dialogues.getDialogue("d1")).toBeNull();
      expect(await b.links.linksTo("document:1")).toEqual([]);
      expect(await b.documents.deleteDocument(1)).toBe(true);
      expect(await b.documents.search("world")).toHaveLength(1);
    } finally {
      await dispose();
    }
  });
});
