import type { BackendOptions, Capabilities, JsonShaped, KeySchema, StorageBackend, Store } from "@blue/store-core";
import { assertKeySchema, createModelContext } from "@blue/store-core/engine";
import { FileDialogueStore } from "./dialogues";
import { FileDocumentStore } from "./documents";
import { FileEngine } from "./file-engine";
import { FileStore } from "./generic";
import { FileLinkStore } from "./links";
import { fileCatalog } from "./catalog";

/** Options of `openJsonFileStorage`. */
export interface JsonFileStorageOptions extends BackendOptions {
  /** The JSON file that holds the namespace (created on the first write). */
  file: string;
}

/** Data survives close and reopen; one process at a time writes a file (there is no file lock). */
const CAPABILITIES: Capabilities = Object.freeze({ persistent: true, listConsistency: "strong", multiProcess: false });

/**
 * A complete Blue Store backend on one JSON file: every dialogue, document, link and generic
 * item of a namespace, rewritten atomically on each write. Small, dependency-free, persistent.
 */
export async function openJsonFileStorage(options: JsonFileStorageOptions): Promise<StorageBackend> {
  const engine = await FileEngine.open(options.file);
  const ctx = createModelContext(options.clock);
  return {
    name: "json-file",
    capabilities: CAPABILITIES,
    dialogues: new FileDialogueStore(engine, ctx),
    documents: new FileDocumentStore(engine, ctx),
    links: new FileLinkStore(engine, ctx),
    /** Synchronous: CLOSED, then a bad schema (VALIDATION), throw at once (it returns a handle, not a promise). */
    store<T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T> {
      engine.checkOpen();
      return new FileStore<T>(engine, ctx, assertKeySchema(schema));
    },
    catalog: fileCatalog(engine, ctx),
    close: () => engine.close(),
  };
}

/** Removes a namespace's file. */
export function removeJsonFileStorage(file: string): Promise<void> {
  return FileEngine.remove(file);
}
