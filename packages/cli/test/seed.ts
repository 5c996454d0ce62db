import type { StorageBackend } from "@blue/store-core";

const WORDS = [
  "storage",
  "dynamodb",
  "sqlite",
  "migration",
  "tension",
  "search",
  "ranking",
  "index",
  "latency",
  "schema",
  "backup",
  "region",
  "capacity",
  "token",
  "export",
];

/** Deterministic filler text of `n` words. */
function text(seed: number, n: number): string {
  return Array.from({ length: n }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(" ");
}

/** A fixed clock stepping 1 ms per call: realistic, distinct timestamps. */
export function seedClock(start = Date.UTC(2026, 1, 2, 10)): () => Date {
  let t = start;
  return () => new Date(t++);
}

/**
 * Fills a backend through the public API: `documents` documents, `dialogues` dialogues (two
 * rounds of perspectives, tensions through open → addressed → resolved, links to documents,
 * Unicode titles), and document-to-document links.
 */
export async function seedCorpus(storage: StorageBackend, counts: { dialogues: number; documents: number }): Promise<void> {
  for (let d = 1; d <= counts.documents; d++) {
    await storage.documents.addDocument({
      title: `Design note ${d} — ${text(d, 3)}`,
      body: text(d, 12 + (d % 5)),
      ...(d % 3 ? { kind: d % 2 ? "rfc" : "adr" } : {}),
      ...(d % 4 === 0 ? { path: `docs/notes/${d}.md` } : {}),
      ...(d % 5 === 0 ? { metadata: { owner: `team-${d % 3}`, tags: ["x", d], nested: { ok: true } } } : {}),
    });
    if (d > 1 && d % 10 === 0) await storage.links.addLink({ from: `document:${d}`, to: `document:${d - 1}`, kind: "supersedes" });
  }
  for (let i = 0; i < counts.dialogues; i++) {
    const id = `dlg-${String(i).padStart(4, "0")}`;
    await storage.dialogues.createDialogue({
      id,
      title: `Dialogue ${i}: ${text(i, 4)} 🚀`,
      ...(i % 2 ? { question: `Should we ${text(i, 3)}?` } : {}),
      ...(i % 3 === 0 ? { metadata: { i } } : {}),
    });
    for (const round of [1, 2]) {
      await storage.dialogues.registerPerspective({
        dialogueId: id,
        id: `P${round}a`,
        round,
        expert: "ada",
        label: "view",
        content: text(i + round, 20),
      });
      await storage.dialogues.registerPerspective({
        dialogueId: id,
        id: `P${round}b`,
        round,
        expert: "grace",
        label: "counter",
        content: text(i * round, 15),
      });
    }
    await storage.dialogues.registerTension({ dialogueId: id, id: "T1", round: 1, expert: "linus", label: "risk", content: text(i, 10) });
    await storage.dialogues.registerTension({ dialogueId: id, id: "T2", round: 2, expert: "ada", label: "cost", content: text(i + 1, 8) });
    await storage.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "T1" }, "addressed", {
      round: 2,
      actor: "grace",
      note: "mitigated",
    });
    if (i % 2 === 0) await storage.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "T1" }, "resolved", { round: 2 });
    if (i % 4 === 0) await storage.dialogues.updateDialogue(id, { status: "converged" });
    await storage.links.addLink({ from: `dialogue:${id}`, to: `document:${(i % counts.documents) + 1}`, kind: "references" });
    await storage.links.addLink({
      from: `dialogue:${id}/tension:T1`,
      to: `document:${((i * 7) % counts.documents) + 1}`,
      kind: "addressed-by",
      metadata: { i },
    });
  }
}
