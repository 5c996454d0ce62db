import { ClosedError } from "../../src/errors";
import { createMemoryStorage } from "../../src/memory";
import { buildDocument, createModelContext, nextDocumentId } from "../../src/model";
import type { ConformanceHarness } from "../../src/conformance";
import type { Capabilities, DocumentStore, StorageBackend } from "../../src/types/stores";

const CAPS: Capabilities = { persistent: true, listConsistency: "strong", multiProcess: true };

/** How a handle assigns document ids: `n` counts the handles opened over the data (0, 1, …); `data` is state shared by them. */
export type IdAssigner = (n: number, data: { last: number }) => { next(): number; imported(id: number): void };

/** A handle over a shared memory backend whose `addDocument` takes ids from `ids`. */
function handle(base: StorageBackend, clock: () => Date, ids: ReturnType<IdAssigner>): StorageBackend {
  let closed = false;
  const ctx = createModelContext(clock);
  const documents: DocumentStore = {
    ...base.documents,
    getDocument: (id) => base.documents.getDocument(id),
    updateDocument: (id, patch) => base.documents.updateDocument(id, patch),
    deleteDocument: (id) => base.documents.deleteDocument(id),
    listDocumentsPage: (q) => base.documents.listDocumentsPage(q),
    search: (q, limit) => base.documents.search(q, limit),
    addDocument: async (input) => {
      const fields = buildDocument(input, ctx);
      const id = ids.next();
      await base.documents.importDocument({ id, ...fields }, { onConflict: "replace" });
      return id;
    },
    importDocument: async (doc, options) => {
      await base.documents.importDocument(doc, options);
      ids.imported(doc.id);
    },
  };
  const guard = <T extends object>(o: T): T =>
    new Proxy(o, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (typeof v !== "function") return v;
        return (...args: unknown[]) =>
          closed
            ? Promise.reject(new ClosedError())
            : Promise.resolve().then(() => (v as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
  return {
    name: "broken-handles",
    capabilities: CAPS,
    dialogues: guard(base.dialogues),
    documents: guard(documents),
    links: guard(base.links),
    store: (schema) => guard(base.store(schema)),
    close: async () => {
      closed = true;
    },
  };
}

/** A persistent multi-handle harness over one memory backend per namespace, each handle assigning ids its own way. */
export function brokenHandleHarness(name: string, assign: IdAssigner): ConformanceHarness {
  const data = new Map<string, { base: StorageBackend; opened: { n: number; last: number } }>();
  return {
    name,
    capabilities: CAPS,
    open: async ({ namespace, clock, fresh }) => {
      if (fresh || !data.has(namespace)) data.set(namespace, { base: createMemoryStorage({ clock }), opened: { n: 0, last: 0 } });
      const { base, opened } = data.get(namespace)!;
      return handle(base, clock, assign(opened.n++, opened));
    },
    destroy: async ({ namespace }) => {
      await data.get(namespace)?.base.close();
      data.delete(namespace);
    },
  };
}

/** Handle n hands out ids from its own block (n · 10^6 + 1, …), above its own imports only: an id another handle imported can come back. */
export const blocksIgnoringImports: IdAssigner = (n) => {
  let last = n * 1_000_000;
  return {
    next: () => (last = nextDocumentId(last)),
    imported: (id) => {
      last = Math.max(last, id);
    },
  };
};

/** The first handle takes the store's one sequence; every later one counts down from 10^9: unique ids, but not increasing within a handle. */
export const laterHandlesCountDown: IdAssigner = (n, data) => {
  let down = 1_000_000_000;
  return {
    next: () => (n === 0 ? (data.last = nextDocumentId(data.last)) : --down),
    imported: (id) => {
      data.last = Math.max(data.last, id);
    },
  };
};
