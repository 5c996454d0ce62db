import { createMemoryStorage, type MemoryStorageOptions, type StorageBackend } from "@blue/store-core";

/**
 * The memory backend clones values with the host's `structuredClone`; under jest those
 * objects come from another realm, and core's plain-object check (`copyJson`) rejects them
 * when they are written back (export → import). Production runs in one realm. This wrapper
 * re-creates every returned value in the test's realm via JSON (reported to core).
 */
function realmLocal<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function wrap<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const member = Reflect.get(obj, key, receiver) as unknown;
      if (typeof member !== "function") return member;
      return async (...args: unknown[]) => realmLocal(await (member as (...a: unknown[]) => Promise<unknown>).apply(obj, args));
    },
  });
}

/** `createMemoryStorage` whose results are plain objects of the test's realm. */
export function memoryStorage(options: MemoryStorageOptions = {}): StorageBackend {
  const backend = createMemoryStorage(options);
  return { ...backend, name: backend.name, capabilities: backend.capabilities, dialogues: wrap(backend.dialogues), documents: wrap(backend.documents), links: wrap(backend.links), store: backend.store.bind(backend), close: backend.close.bind(backend) };
}
