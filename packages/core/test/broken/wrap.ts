import type { JsonObject } from "../../src/types/json";
import type { DialogueStore, DocumentStore, KeySchema, LinkStore, StorageBackend, Store } from "../../src/types/stores";
import type { Document, Link } from "../../src/types/entities";
import type { GenericStoreCatalog } from "../../src/enumeration/types";

/** A deliberately broken backend: a thin wrapper over the memory backend that breaks one rule. */
export interface BrokenBackend {
  name: string;
  /** The rule it breaks. */
  breaks: string;
  /** Case ids that must fail against it: the cases of its rule. */
  mustFail: string[];
  /**
   * Other cases it fails as a consequence of its one bug (every case that reads what the bug
   * corrupts), each group with the reason. Every case outside `mustFail` and `alsoFails` must
   * pass: a broken backend breaks exactly its rule, never a rule it does not name.
   */
  alsoFails?: Array<{ cases: string[]; because: string }>;
  wrap(base: StorageBackend, clock: () => Date): StorageBackend;
}

export const DIALOGUE_METHODS = ["createDialogue", "getDialogue", "updateDialogue", "deleteDialogue", "registerPerspective", "registerTension", "updateTensionStatus", "exportDialogue", "importDialogue", "listDialogues", "listDialoguesPage"] as const;
export const DOCUMENT_METHODS = ["addDocument", "getDocument", "updateDocument", "deleteDocument", "listDocumentsPage", "search", "importDocument"] as const;
export const LINK_METHODS = ["addLink", "removeLink", "linksFrom", "linksTo", "listLinksPage"] as const;
const STORE_METHODS = ["get", "put", "delete", "query", "queryPage"] as const;

function delegate<T extends object>(target: T, names: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = (...args: unknown[]) => (target as Record<string, (...a: unknown[]) => unknown>)[n]!(...args);
  return out as T;
}

/** Overrides of a backend, each given the original part to call through to. */
export interface Overrides {
  dialogues?: (base: DialogueStore) => Partial<DialogueStore>;
  documents?: (base: DocumentStore) => Partial<DocumentStore>;
  links?: (base: LinkStore) => Partial<LinkStore>;
  store?: (base: Store<JsonObject>, schema: KeySchema<JsonObject>, backend: StorageBackend) => Partial<Store<JsonObject>>;
  /** Replaces `backend.store` entirely. */
  storeFactory?: (backend: StorageBackend) => <T extends JsonObject>(schema: KeySchema<T>) => Store<T>;
  close?: (base: StorageBackend) => () => Promise<void>;
  /** Replaces `backend.catalog` (default: the base backend's). */
  catalog?: (base: StorageBackend) => GenericStoreCatalog;
}

/** Builds a backend that behaves like `base` except for `overrides`. */
export function override(base: StorageBackend, o: Overrides): StorageBackend {
  const dialogues = { ...delegate(base.dialogues, DIALOGUE_METHODS), ...o.dialogues?.(base.dialogues) } as DialogueStore;
  const documents = { ...delegate(base.documents, DOCUMENT_METHODS), ...o.documents?.(base.documents) } as DocumentStore;
  const links = { ...delegate(base.links, LINK_METHODS), ...o.links?.(base.links) } as LinkStore;
  return {
    name: `broken-${base.name}`,
    capabilities: base.capabilities,
    dialogues,
    documents,
    links,
    store: o.storeFactory
      ? o.storeFactory(base)
      : <T extends JsonObject>(schema: KeySchema<T>): Store<T> => {
          const inner = base.store(schema) as unknown as Store<JsonObject>;
          return { ...delegate(inner, STORE_METHODS), ...o.store?.(inner, schema as unknown as KeySchema<JsonObject>, base) } as unknown as Store<T>;
        },
    close: o.close ? o.close(base) : () => base.close(),
    ...(o.catalog ? { catalog: o.catalog(base) } : base.catalog ? { catalog: base.catalog } : {}),
  };
}

/** Every document of a backend, by id. */
export async function allDocuments(b: DocumentStore): Promise<Document[]> {
  const out: Document[] = [];
  let cursor: string | undefined;
  do {
    const page = await b.listDocumentsPage({ limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Every link of a backend. */
export async function allLinks(b: LinkStore): Promise<Link[]> {
  const out: Link[] = [];
  let cursor: string | undefined;
  do {
    const page = await b.listLinksPage({ limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Yields to the event loop, so concurrent callers interleave (what a network round-trip does). */
export const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
