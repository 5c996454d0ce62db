import type { JsonObject, JsonShaped } from "../../src/types/json";
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

export const DIALOGUE_METHODS = [
  "createDialogue",
  "getDialogue",
  "updateDialogue",
  "deleteDialogue",
  "registerPerspective",
  "registerTension",
  "updateTensionStatus",
  "exportDialogue",
  "importDialogue",
  "listDialogues",
  "listDialoguesPage",
  "iterateDialogues",
] as const;
export const DOCUMENT_METHODS = [
  "addDocument",
  "getDocument",
  "updateDocument",
  "deleteDocument",
  "listDocumentsPage",
  "search",
  "importDocument",
  "iterateDocuments",
] as const;
export const LINK_METHODS = ["addLink", "removeLink", "linksFrom", "linksTo", "listLinksPage", "iterateLinks"] as const;
export const STORE_METHODS = [
  "get",
  "put",
  "delete",
  "query",
  "queryPage",
  "getMany",
  "putMany",
  "deleteMany",
  "transact",
  "iterate",
] as const;

export function delegate<T extends object>(target: T, names: readonly string[]): T {
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
  storeFactory?: (backend: StorageBackend) => <T extends JsonShaped<T>>(schema: KeySchema<T>) => Store<T>;
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
      : <T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T> => {
          const inner = base.store(schema) as unknown as Store<JsonObject>;
          return {
            ...delegate(inner, STORE_METHODS),
            ...o.store?.(inner, schema as unknown as KeySchema<JsonObject>, base),
          } as unknown as Store<T>;
        },
    close: o.close ? o.close(base) : () => base.close(),
    ...(o.catalog ? { catalog: o.catalog(base) } : base.catalog ? { catalog: base.catalog } : {}),
  };
}

/**
 * The batch, transaction and iteration methods of a store whose keys a broken backend maps
 * (`key`) onto another store (`inner`): arguments that are not well-formed pass unchanged,
 * so `inner` rejects them as a correct store would.
 */
export function mappedBatchMethods<T extends object>(
  inner: Store<T>,
  key: (pk: string, sk: string) => { pk: string; sk: string },
  check: (pk: unknown, sk: unknown) => void = () => undefined,
): Pick<Store<T>, "getMany" | "deleteMany" | "putMany" | "transact" | "iterate"> {
  const mapKey = (k: unknown) => {
    if (typeof k !== "object" || k === null) return k;
    const { pk, sk } = k as { pk: unknown; sk: unknown };
    if (typeof pk !== "string" || typeof sk !== "string" || pk === "" || sk === "") return k;
    return key(pk, sk);
  };
  const mapKeys = (keys: unknown) => (Array.isArray(keys) ? keys.map(mapKey) : keys) as { pk: string; sk: string }[];
  const mapOp = (op: unknown) => {
    if (typeof op !== "object" || op === null) return op;
    const o = op as Record<string, unknown>;
    if (o.delete !== undefined) return { ...o, delete: mapKey(o.delete) };
    if (o.check !== undefined) return { ...o, check: mapKey(o.check) };
    return o;
  };
  return {
    getMany: (keys) => inner.getMany(mapKeys(keys)),
    deleteMany: (keys) => inner.deleteMany(mapKeys(keys)),
    putMany: (items, options) => inner.putMany(items, options),
    transact: (ops) => inner.transact((Array.isArray(ops) ? ops.map(mapOp) : ops) as never),
    iterate: (pk, prefix, options) =>
      (async function* () {
        check(pk, "x");
        const k = typeof pk === "string" && pk !== "" && typeof prefix === "string" ? key(pk, prefix) : { pk, sk: prefix };
        yield* inner.iterate(k.pk, k.sk, options);
      })(),
  };
}

/** A plain options object (to be spread); anything else is passed on for the store to reject. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Every item of an async iterable. */
async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Every document of a backend, by id. */
export const allDocuments = (b: DocumentStore): Promise<Document[]> => drain(b.iterateDocuments({ pageSize: 1000 }));

/** Every link of a backend. */
export const allLinks = (b: LinkStore): Promise<Link[]> => drain(b.iterateLinks({ pageSize: 1000 }));

/** Yields to the event loop, so concurrent callers interleave (what a network round-trip does). */
export const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A generic store that keeps every item of `schema` in one partition ("all") of the store
 * `innerName`, under the sort key `join(pk, sk)`: a key layout without escaping. The real store
 * validates each call first (closed, then arguments), so only the layout is broken.
 */
export function joinedKeyStore<T extends JsonShaped<T>>(
  base: StorageBackend,
  schema: KeySchema<T>,
  innerName: string,
  join: (pk: string, sk: string) => string,
  checkBatchKey?: (pk: unknown, sk: unknown) => void,
): Store<T> {
  const real = base.store<T>(schema);
  const inner = base.store<T>({
    name: innerName,
    validator: schema.validator,
    key: (item) => {
      const k = schema.key(item);
      return { pk: "all", sk: join(k.pk, k.sk) };
    },
  });
  return {
    get: async (pk, sk) => (await real.get(pk, sk), inner.get("all", join(pk, sk))),
    put: async (item, options) => {
      let k: { pk: string; sk: string };
      try {
        k = schema.key(item);
      } catch {
        return real.put(item, options); // rejects as the contract says
      }
      await real.get(k.pk, k.sk);
      return inner.put(item, options);
    },
    delete: async (pk, sk) => (await real.get(pk, sk), inner.delete("all", join(pk, sk))),
    query: async (pk, prefix, options) => (await real.query(pk, prefix, options), inner.query("all", join(pk, prefix), options)),
    queryPage: async (pk, prefix, options) => (
      await real.queryPage(pk, prefix, isObject(options) ? { ...options, cursor: undefined } : options),
      inner.queryPage("all", join(pk, prefix), options)
    ),
    ...mappedBatchMethods(inner, (pk, sk) => ({ pk: "all", sk: join(pk, sk) }), checkBatchKey),
  };
}
