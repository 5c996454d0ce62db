import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { DialogueSummary, StorageBackend } from "@blue/store-core";
import { dialogueRef, documentRef, exportCounts, parseEntityRef, summarizeDialogue } from "@blue/store-core/engine";
import { DEMO_DIALOGUE, DEMO_DIALOGUE_ID, DEMO_DOCUMENTS, DEMO_LINKS, DEMO_ROUNDS, DEMO_SEARCHES } from "./script";

/** What the demo did, for the printed summary (and `demo --json`). */
export interface DemoReport {
  dialogue: DialogueSummary;
  replacedPreviousRun: boolean;
  rounds: number;
  experts: string[];
  tensions: Array<{ id: string; label: string; status: string; history: string[] }>;
  documents: Array<{ id: number; title: string }>;
  links: number;
  searches: Array<{ query: string; hits: Array<{ id: number; title: string }> }>;
  export: { path: string; bytes: number; perspectives: number; tensions: number; links: number };
  store: { dialogues: number; documents: number };
}

/** Removes a previous demo run: its dialogue (with its links) and the documents it referenced. */
async function removePreviousRun(storage: StorageBackend): Promise<boolean> {
  if ((await storage.dialogues.getDialogue(DEMO_DIALOGUE_ID)) === null) return false;
  const referenced = await storage.links.linksFrom(dialogueRef(DEMO_DIALOGUE_ID), { kind: "references" });
  for (const link of referenced) {
    const [segment] = parseEntityRef(link.to);
    if (segment?.type === "document") await storage.documents.deleteDocument(Number(segment.id));
  }
  await storage.dialogues.deleteDialogue(DEMO_DIALOGUE_ID);
  return true;
}

/**
 * Records the demo dialogue on `storage` (rounds, perspectives, tensions moving open →
 * addressed → resolved), adds and links documents, searches, and exports the dialogue to
 * `exportPath`. A second run replaces the first.
 */
export async function runDemo(storage: StorageBackend, exportPath: string): Promise<DemoReport> {
  const replacedPreviousRun = await removePreviousRun(storage);
  const id = await storage.dialogues.createDialogue(DEMO_DIALOGUE);
  const refs = new Map<string, string>([["dialogue", dialogueRef(id)]]);

  const documents: DemoReport["documents"] = [];
  for (const { key, doc } of DEMO_DOCUMENTS) {
    const docId = await storage.documents.addDocument(doc);
    refs.set(`doc:${key}`, documentRef(docId));
    documents.push({ id: docId, title: doc.title });
  }

  for (const round of DEMO_ROUNDS) {
    for (const p of round.perspectives) {
      await storage.dialogues.registerPerspective({ dialogueId: id, ...p });
      refs.set(p.id, `${dialogueRef(id)}/perspective:${p.id}`);
    }
    for (const t of round.tensions) {
      await storage.dialogues.registerTension({ dialogueId: id, ...t });
      refs.set(t.id, `${dialogueRef(id)}/tension:${t.id}`);
    }
    for (const step of round.steps) {
      await storage.dialogues.updateTensionStatus({ dialogueId: id, tensionId: step.tension }, step.status, {
        round: round.round,
        actor: step.actor,
        note: step.note,
      });
    }
  }
  await storage.dialogues.updateDialogue(id, {
    status: "converged",
    metadata: { ...DEMO_DIALOGUE.metadata, decision: "adopt DynamoDB behind the storage interface" },
  });

  for (const l of DEMO_LINKS) {
    await storage.links.addLink({
      from: refs.get(l.from)!,
      to: refs.get(l.to)!,
      kind: l.kind,
      ...(l.note ? { metadata: { note: l.note } } : {}),
    });
  }

  const searches: DemoReport["searches"] = [];
  for (const query of DEMO_SEARCHES) {
    const hits = await storage.documents.search(query, 3);
    searches.push({ query, hits: hits.map((d) => ({ id: d.id, title: d.title })) });
  }

  const exported = await storage.dialogues.exportDialogue(id);
  const text = `${JSON.stringify(exported, null, 2)}\n`;
  await mkdir(dirname(exportPath), { recursive: true });
  await writeFile(exportPath, text);

  const all = await storage.dialogues.listDialogues();
  // A backend with eventual list consistency may not list the new dialogue yet: summarize the export.
  const summary = all.find((s) => s.id === id) ?? summarizeDialogue(exported.dialogue, exportCounts(exported));
  let documentCount = 0;
  let cursor: string | undefined;
  do {
    const page = await storage.documents.listDocumentsPage({ limit: 1000, cursor });
    documentCount += page.items.length;
    cursor = page.cursor;
  } while (cursor !== undefined);

  return {
    dialogue: summary,
    replacedPreviousRun,
    rounds: DEMO_ROUNDS.length,
    experts: [...new Set(exported.perspectives.map((p) => p.expert))],
    tensions: exported.tensions.map((t) => ({ id: t.id, label: t.label, status: t.status, history: t.events.map((e) => e.status) })),
    documents,
    links: DEMO_LINKS.length,
    searches,
    export: {
      path: exportPath,
      bytes: Buffer.byteLength(text),
      perspectives: exported.perspectives.length,
      tensions: exported.tensions.length,
      links: exported.links.length,
    },
    store: { dialogues: all.length, documents: documentCount },
  };
}
