import type { StorageBackend } from "@blue/store-core";
import { collectPages, pages } from "./pool";

/** What a backend holds: every dialogue id, and how many documents and links. */
export interface Inventory {
  dialogueIds: string[];
  documents: number;
  links: number;
}

/** The largest page every backend accepts. */
export const MAX_PAGE = 1000;

/** Every dialogue id of a backend, in listing order. */
export async function listDialogueIds(backend: StorageBackend): Promise<string[]> {
  const summaries = await collectPages((cursor) => backend.dialogues.listDialoguesPage({ limit: MAX_PAGE, cursor }));
  return summaries.map((s) => s.id);
}

/** Counts everything a backend holds (one pass over each listing). */
export async function takeInventory(backend: StorageBackend): Promise<Inventory> {
  const dialogueIds = await listDialogueIds(backend);
  let documents = 0;
  for await (const page of pages((cursor) => backend.documents.listDocumentsPage({ limit: 100, cursor }))) documents += page.length;
  let links = 0;
  for await (const page of pages((cursor) => backend.links.listLinksPage({ limit: MAX_PAGE, cursor }))) links += page.length;
  return { dialogueIds, documents, links };
}
