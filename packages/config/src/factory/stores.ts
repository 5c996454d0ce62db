import type { DialogueStore, DocumentStore, StorageBackend } from "@blue/store-core";
import type { BlueConfig } from "../config/types";
import { createStorage, type CreateStorageOptions } from "./create-storage";

/** A store that owns its backend: `close()` closes the backend it came from. */
export type Owned<S> = S & {
  /** The backend the store belongs to. */
  readonly backend: StorageBackend;
  /** Closes the backend; idempotent. */
  close(): Promise<void>;
};

/** Wraps `store` so it also offers `backend` and `close()`; every other member is the store's. */
function owned<S extends object>(store: S, backend: StorageBackend): Owned<S> {
  return new Proxy(store, {
    get(target, property) {
      if (property === "backend") return backend;
      if (property === "close") return () => backend.close();
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as Owned<S>;
}

/** The RFC's factory: the dialogue store of the configured backend. */
export async function createDialogueStore(config: BlueConfig, options?: CreateStorageOptions): Promise<Owned<DialogueStore>> {
  const backend = await createStorage(config, options);
  return owned(backend.dialogues, backend);
}

/** The RFC's factory: the document store of the configured backend. */
export async function createDocumentStore(config: BlueConfig, options?: CreateStorageOptions): Promise<Owned<DocumentStore>> {
  const backend = await createStorage(config, options);
  return owned(backend.documents, backend);
}
