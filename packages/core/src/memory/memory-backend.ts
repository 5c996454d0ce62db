import type { JsonShaped } from "../types/json";
import type { BackendOptions, Capabilities, KeySchema, StorageBackend, Store } from "../types/stores";
import { createModelContext } from "../model/context";
import { assertKeySchema } from "../model/generic";
import { MemoryDialogueStore } from "./dialogue-store";
import { MemoryDocumentStore } from "./document-store";
import { MemoryLinkStore } from "./link-store";
import { MemoryStore } from "./generic-store";
import { GenericItems } from "./generic-items";
import { Lifecycle } from "./state";
import { memoryCatalog } from "./generic-catalog";

/** Options of `createMemoryStorage`. */
export interface MemoryStorageOptions extends BackendOptions {
  /** The backend's name (default "memory"); wrappers that change behaviour should rename it. */
  name?: string;
}

/**
 * The in-memory reference backend. It implements the whole contract with exact semantics
 * and is the oracle the conformance kit compares other backends against. Nothing persists.
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): StorageBackend {
  const life = new Lifecycle();
  const ctx = createModelContext(options.clock);
  const links = new MemoryLinkStore(life, ctx);
  const dialogues = new MemoryDialogueStore(life, ctx, links);
  const documents = new MemoryDocumentStore(life, ctx, links);
  const generic = new GenericItems();
  const capabilities: Capabilities = Object.freeze({ persistent: false, listConsistency: "strong", multiProcess: false });
  return {
    name: options.name ?? "memory",
    capabilities,
    dialogues,
    documents,
    links,
    /** Synchronous: CLOSED, then a bad schema (VALIDATION), throw at once (it returns a handle, not a promise). */
    store<T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T> {
      life.check();
      return new MemoryStore<T>(life, ctx, generic, assertKeySchema(schema));
    },
    catalog: memoryCatalog(life, generic, ctx),
    async close() {
      life.closed = true;
    },
  };
}
