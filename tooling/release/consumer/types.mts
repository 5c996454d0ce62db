// TypeScript consumer of the published types, compiled with skipLibCheck false under node16
// (as ESM here and as CJS in types.cts) and under bundler resolution (a copy as types.ts).
// Each @ts-expect-error proves a type is precise: were it `any`, the directive would fail.
import { createStorage, isStoreError, openStorage, parseConfig, type BlueConfig } from "@blue/store-config";
import { openSqliteStorage } from "@blue/store-sqlite";
import { NotFoundError, type Dialogue, type DialogueExport, type StorageBackend, type StoreError } from "@blue/store-core";
import { notFound } from "@blue/store-core/engine";

/** The engine entry's types resolve too: a factory's error is its class, its ids are typed. */
export function engineTypes(): NotFoundError {
  // @ts-expect-error a dialogue is named by dialogueId, not documentId
  notFound("dialogue", { documentId: 1 });
  const e = notFound("dialogue", { dialogueId: "d1" });
  return e instanceof NotFoundError ? e : new NotFoundError("unreachable");
}

export async function useTypes(cwd: string): Promise<string> {
  const config: BlueConfig = await parseConfig('[storage]\nbackend = "memory"\n', { source: "inline.toml" });
  const memory: StorageBackend = await createStorage(config);
  const storage: StorageBackend = await openStorage({ cwd });
  const id: string = await storage.dialogues.createDialogue({ title: "typed" });
  const dialogue: Dialogue | null = await storage.dialogues.getDialogue(id);
  const exported: DialogueExport = await storage.dialogues.exportDialogue(id);
  // @ts-expect-error createDialogue resolves to a string id, not a number
  const wrong: number = await storage.dialogues.createDialogue({ title: "typed" });
  // @ts-expect-error a dialogue status is "open" | "converged" | "abandoned"
  await storage.dialogues.updateDialogue(id, { status: "closed" });
  try {
    await storage.dialogues.updateDialogue("missing", { title: "x" });
  } catch (e: unknown) {
    if (isStoreError(e, "NOT_FOUND")) {
      const error: StoreError = e;
      return `${error.code} ${wrong}`;
    }
  }
  const sqlite = openSqliteStorage;
  await Promise.all([storage.close(), memory.close()]);
  return `${dialogue?.title ?? ""} ${exported.perspectives.length} ${typeof sqlite}`;
}
