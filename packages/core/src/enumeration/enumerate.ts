import { NotSupportedError } from "../errors";
import { compareUtf8 } from "../encoding/utf8";
import { iteratePages } from "../model/iterate";
import type { DialogueExport, Document, Link } from "../types/entities";
import type { StorageBackend } from "../types/stores";
import type { DialogueRecordBody, GenericItemRecord, GenericStoreCatalog, StorageRecord } from "./types";

/** Page sizes of the listings enumeration reads (documents are small pages: a body may be 10 MiB). */
export interface EnumerateOptions {
  documentPageSize?: number;
  dialoguePageSize?: number;
  linkPageSize?: number;
}

/** The dialogue part of an export: without `exportedAt` and `links`. */
export function dialogueRecordOf(e: DialogueExport): DialogueRecordBody {
  return { dialogue: e.dialogue, perspectives: e.perspectives, tensions: e.tensions };
}

/** Every document, by id, a few at a time. */
export function enumerateDocuments(backend: StorageBackend, pageSize = 4): AsyncGenerator<Document> {
  return iteratePages((cursor) => backend.documents.listDocumentsPage({ limit: pageSize, cursor }));
}

/** Every dialogue (in listing order), exported without `exportedAt` and links. */
export async function* enumerateDialogues(backend: StorageBackend, pageSize = 100): AsyncGenerator<DialogueRecordBody> {
  for await (const summary of iteratePages((cursor) => backend.dialogues.listDialoguesPage({ limit: pageSize, cursor }))) {
    yield dialogueRecordOf(await backend.dialogues.exportDialogue(summary.id));
  }
}

/** Every link, by (from, to, kind). */
export function enumerateLinks(backend: StorageBackend, pageSize = 1000): AsyncGenerator<Link> {
  return iteratePages((cursor) => backend.links.listLinksPage({ limit: pageSize, cursor }));
}

/** The backend's generic-store catalog, or NOT_SUPPORTED naming the backend. */
export function catalogOf(backend: StorageBackend): GenericStoreCatalog {
  if (backend.catalog === undefined) {
    throw new NotSupportedError(
      `the ${backend.name} backend cannot enumerate its generic stores (it has no catalog); its items cannot be backed up or migrated`,
      {
        details: { backend: backend.name },
      },
    );
  }
  return backend.catalog;
}

/** Every generic item of every store, by (store, pk, sk) in UTF-8 order. */
export async function* enumerateItems(backend: StorageBackend): AsyncGenerator<GenericItemRecord> {
  const catalog = catalogOf(backend);
  const names = [...(await catalog.storeNames())].sort(compareUtf8);
  for (const name of names) yield* catalog.items(name);
}

/**
 * Everything a backend holds as one stream with bounded memory: documents, dialogues, links,
 * generic items (see `StorageRecord`). A backend without a generic-store catalog is
 * NOT_SUPPORTED (before anything is read), so a backup never silently leaves items behind.
 */
export async function* enumerateStorage(backend: StorageBackend, options: EnumerateOptions = {}): AsyncGenerator<StorageRecord> {
  catalogOf(backend);
  for await (const document of enumerateDocuments(backend, options.documentPageSize)) yield { kind: "document", document };
  for await (const d of enumerateDialogues(backend, options.dialoguePageSize)) yield { kind: "dialogue", ...d };
  for await (const link of enumerateLinks(backend, options.linkPageSize)) yield { kind: "link", link };
  for await (const item of enumerateItems(backend)) yield { kind: "item", ...item };
}

/** The order of generic items across stores: (store, pk, sk), each in UTF-8 order. */
export function compareItemKeys(a: { store: string; pk: string; sk: string }, b: { store: string; pk: string; sk: string }): number {
  return compareUtf8(a.store, b.store) || compareUtf8(a.pk, b.pk) || compareUtf8(a.sk, b.sk);
}
