import type { DialogueStore, DocumentStore, LinkStore, StorageBackend } from "../types/stores";

/** The per-store kinds of a backend the RFC's per-store classes stand for. */
export interface StoreKinds {
  dialogues: DialogueStore;
  documents: DocumentStore;
  links: LinkStore;
}

/** A store that owns the backend it was opened with: `close()` closes that backend. */
export type OwnedStore<S> = S & {
  /** The backend the store belongs to (its other stores stay usable until `close()`). */
  readonly backend: StorageBackend;
  /** Closes the backend, releasing exactly what opening it took (connection, client); idempotent. */
  close(): Promise<void>;
};

/**
 * The one way to open one store (the RFC's `SqliteDialogueStore::open`,
 * `DynamoDialogueStore::new_local`): open a backend, take one of its stores.
 * `await openStore(openSqliteStorage({ path }), "dialogues")`. The store's `close()` closes
 * the backend it came from, and nothing else; every other member is the store's own.
 */
export async function openStore<K extends keyof StoreKinds>(
  backend: StorageBackend | Promise<StorageBackend>,
  kind: K,
): Promise<OwnedStore<StoreKinds[K]>> {
  const opened = await backend;
  const store = opened[kind] as StoreKinds[K] & object;
  return new Proxy(store, {
    get(target, property) {
      if (property === "backend") return opened;
      if (property === "close") return () => opened.close();
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    has(target, property) {
      return property === "backend" || property === "close" || Reflect.has(target, property);
    },
  }) as OwnedStore<StoreKinds[K]>;
}
