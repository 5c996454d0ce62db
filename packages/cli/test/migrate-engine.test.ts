import { UnavailableError, ValidationError, createMemoryStorage, type StorageBackend } from "@blue/store-core";
import { migrateStorage } from "../src/migrate/engine";
import { verifyMigration } from "../src/migrate/verify";
import { lineProgress } from "../src/migrate/progress";

/** A clock that advances one second per call, so timestamps differ and order is stable. */
function steppingClock(start = Date.UTC(2026, 0, 1)) {
  let t = start;
  return () => new Date((t += 1000));
}

async function seed(storage: StorageBackend, dialogues: number, documents: number): Promise<void> {
  for (let d = 0; d < documents; d++) {
    await storage.documents.addDocument({
      title: `Doc ${d}`,
      body: `body of document ${d} about storage ${d % 7}`,
      kind: d % 2 ? "note" : "rfc",
      metadata: { n: d, tags: ["a", "b"] },
    });
  }
  for (let i = 0; i < dialogues; i++) {
    const id = `dlg-${i}`;
    await storage.dialogues.createDialogue({ id, title: `Dialogue ${i}`, question: "why?", metadata: { i } });
    await storage.dialogues.registerPerspective({ dialogueId: id, id: "P1", round: 1, expert: "ada", label: "view", content: "text" });
    await storage.dialogues.registerTension({ dialogueId: id, id: "T1", round: 1, expert: "grace", label: "t", content: "c" });
    await storage.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "T1" }, "addressed", { actor: "ada", note: "n" });
    if (i % 2) await storage.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "T1" }, "resolved", { round: 2 });
    await storage.links.addLink({
      from: `dialogue:${id}/tension:T1`,
      to: `document:${(i % documents) + 1}`,
      kind: "cites",
      metadata: { i },
    });
  }
  await storage.links.addLink({ from: "document:1", to: "document:2", kind: "supersedes" });
}

describe("migrateStorage", () => {
  test("copies everything, verifies, and a second run finds everything identical", async () => {
    const source = createMemoryStorage({ clock: steppingClock() });
    const target = createMemoryStorage({ clock: steppingClock(Date.UTC(2030, 0, 1)) });
    await seed(source, 12, 30);
    const first = await migrateStorage(source, target, { concurrency: 4, documentPageSize: 7 });
    expect(first.ok).toBe(true);
    expect(first.documents).toEqual({ source: 30, copied: 30, unchanged: 0, different: 0 });
    expect(first.dialogues).toEqual({ source: 12, copied: 12, unchanged: 0, different: 0 });
    expect(first.links).toEqual({ source: 13, copied: 1, unchanged: 12, different: 0 }); // the 12 dialogue links came with the exports
    expect(first.verification?.differenceCount).toBe(0);
    expect(first.verification?.dialogues).toEqual({ source: 12, target: 12 });

    const second = await migrateStorage(source, target);
    expect(second.documents.unchanged).toBe(30);
    expect(second.dialogues.unchanged).toBe(12);
    expect(second.links.unchanged).toBe(13);
    expect(second.documents.copied + second.dialogues.copied + second.links.copied).toBe(0);
    // New ids continue above the imported ones.
    expect(await target.documents.addDocument({ title: "new", body: "x" })).toBe(31);
  });

  test("repairs a partial, diverging target (what an interrupted run leaves) without duplicates", async () => {
    const source = createMemoryStorage({ clock: steppingClock() });
    const target = createMemoryStorage({ clock: steppingClock(Date.UTC(2030, 0, 1)) });
    await seed(source, 6, 10);
    // Half the documents, one of them different; one dialogue at an older state; a link with another createdAt.
    for (let id = 1; id <= 5; id++) await target.documents.importDocument((await source.documents.getDocument(id))!);
    await target.documents.updateDocument(3, { title: "stale" });
    const older = await source.dialogues.exportDialogue("dlg-1");
    older.tensions[0]!.events = older.tensions[0]!.events.slice(0, 2);
    older.tensions[0]!.status = "addressed";
    await target.dialogues.importDialogue(older);
    await target.links.addLink({ from: "document:1", to: "document:2", kind: "supersedes", createdAt: "2020-01-01T00:00:00.000Z" });

    const result = await migrateStorage(source, target);
    expect(result.ok).toBe(true);
    expect(result.documents).toEqual({ source: 10, copied: 5, unchanged: 4, different: 1 });
    expect(result.dialogues.copied + result.dialogues.different).toBe(6);
    expect(result.dialogues.different).toBe(1);
    expect((await target.dialogues.exportDialogue("dlg-1")).tensions[0]!.status).toBe("resolved");
    expect((await target.links.linksFrom("document:1"))[0]!.createdAt).not.toBe("2020-01-01T00:00:00.000Z");
  });

  test("--dry-run counts and writes nothing", async () => {
    const source = createMemoryStorage({ clock: steppingClock() });
    const target = createMemoryStorage();
    await seed(source, 3, 4);
    const result = await migrateStorage(source, target, { dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.verification).toBeUndefined();
    expect(result.documents.copied).toBe(4);
    expect(result.dialogues.copied).toBe(3);
    expect(await target.dialogues.listDialogues()).toEqual([]);
    expect((await target.documents.listDocumentsPage({})).items).toEqual([]);
    expect((await target.links.listLinksPage({})).items).toEqual([]);
  });

  test("verification reports extra, missing and different data", async () => {
    const source = createMemoryStorage({ clock: steppingClock() });
    const target = createMemoryStorage({ clock: steppingClock() });
    await seed(source, 3, 4);
    await migrateStorage(source, target);
    await target.dialogues.createDialogue({ id: "extra", title: "only here" });
    await target.documents.deleteDocument(4);
    await target.dialogues.updateDialogue("dlg-0", { title: "changed" });
    const report = await verifyMigration(source, target);
    expect(report.differences).toEqual(
      expect.arrayContaining([
        "dialogue extra: only in the target",
        expect.stringMatching(/^dialogue dlg-0: exports differ at dialogue\.(title|updatedAt)$/),
        "document 4: only in the source",
      ]),
    );
    expect(report.dialogues).toEqual({ source: 3, target: 4 });
    expect(report.documents).toEqual({ source: 4, target: 3 });
  });

  test("retries an item while it fails with a retryable error (an import another process left mid-way)", async () => {
    const source = createMemoryStorage({ clock: steppingClock() });
    const target = createMemoryStorage();
    await seed(source, 2, 2);
    let refusals = 2;
    const importDialogue = target.dialogues.importDialogue.bind(target.dialogues);
    target.dialogues.importDialogue = async (e, o) => {
      if (e.dialogue.id === "dlg-1" && refusals-- > 0) throw new UnavailableError("dialogue dlg-1 is being imported by another caller");
      return importDialogue(e, o);
    };
    const notes: string[] = [];
    const policy = { maxWaitMs: 5_000, initialDelayMs: 1, maxDelayMs: 2 };
    const result = await migrateStorage(source, target, { retry: policy, onRetry: (m) => notes.push(m) });
    expect(result.ok).toBe(true);
    expect(refusals).toBe(-1);
    expect(notes).toEqual(["dialogue dlg-1: dialogue dlg-1 is being imported by another caller — retrying for up to 5 s"]);

    // A non-retryable failure is not retried: it ends the migration.
    target.dialogues.importDialogue = async () => {
      throw new ValidationError("refused");
    };
    await source.dialogues.updateDialogue("dlg-0", { title: "changed" });
    await expect(migrateStorage(source, target, { retry: policy })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  test("plain progress lines carry phase, counts and rate", async () => {
    const source = createMemoryStorage({ clock: steppingClock() });
    await seed(source, 5, 25);
    const lines: string[] = [];
    await migrateStorage(source, createMemoryStorage(), { progress: lineProgress((l) => lines.push(l), 10) });
    expect(lines.some((l) => /^documents 25\/25 \(100%\) \d+\/s ETA \S+$/.test(l))).toBe(true);
    expect(lines.filter((l) => /^documents \d+\/25 \(\d+%\) \d+\/s ETA \S+$/.test(l)).length).toBe(3); // 10, 20, final 25
    expect(lines.some((l) => /^dialogues 5\/5 \(100%\) \d+\/s ETA \S+$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith("verify dialogues 5/5"))).toBe(true);
  });
});
