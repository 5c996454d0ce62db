import { openStore, type DialogueStore, type DocumentStore, type OwnedStore } from "@blue/store-core";
import type { BlueConfig } from "../config/types";
import { createStorage, type CreateStorageOptions } from "./create-storage";

/** A store that owns its backend: `close()` closes the backend it came from (core's `OwnedStore`). */
export type Owned<S> = OwnedStore<S>;

/** The RFC's factory: the dialogue store of the configured backend (`openStore(createStorage(config), "dialogues")`). */
export async function createDialogueStore(config: BlueConfig, options?: CreateStorageOptions): Promise<OwnedStore<DialogueStore>> {
  return openStore(createStorage(config, options), "dialogues");
}

/** The RFC's factory: the document store of the configured backend. */
export async function createDocumentStore(config: BlueConfig, options?: CreateStorageOptions): Promise<OwnedStore<DocumentStore>> {
  return openStore(createStorage(config, options), "documents");
}
