import { ClosedError } from "../../src/errors";
import { createMemoryStorage } from "../../src/memory";
import type { ConformanceHarness } from "../../src/conformance";
import type { Capabilities, StorageBackend } from "../../src/types/stores";

const CAPS: Capabilities = { persistent: true, listConsistency: "strong", multiProcess: true };

// biome-ignore lint/correctness/useYield: an iteration that fails at its first step, as a closed store's does
async function* closedIteration(): AsyncGenerator<never> {
  throw new ClosedError();
}

/** A handle over a shared memory backend: closing it closes only the handle, like a connection. */
function handle(base: StorageBackend, caps: Capabilities): StorageBackend {
  let closed = false;
  const guard = <T extends object>(o: T): T =>
    new Proxy(o, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (typeof v !== "function") return v;
        // Iterators report errors from their first next(), like every backend's.
        if (String(prop).startsWith("iterate")) {
          return (...args: unknown[]) => (closed ? closedIteration() : (v as (...a: unknown[]) => unknown).apply(target, args));
        }
        return (...args: unknown[]) =>
          closed ? Promise.reject(new ClosedError()) : (v as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
  return {
    name: "shared-memory",
    capabilities: caps,
    dialogues: guard(base.dialogues),
    documents: guard(base.documents),
    links: guard(base.links),
    store: (schema) => {
      if (closed) throw new ClosedError();
      return guard(base.store(schema));
    },
    catalog: {
      storeNames: () => (closed ? Promise.reject(new ClosedError()) : base.catalog!.storeNames()),
      items: (store) => {
        if (closed) throw new ClosedError();
        return base.catalog!.items(store);
      },
    },
    close: async () => {
      closed = true;
    },
  };
}

/**
 * A "persistent", multi-handle harness over the memory backend: the data of each namespace is
 * one memory backend, and `open` hands out another handle over it. With `forgetOnReopen` it is
 * broken: reopening starts empty.
 */
export function sharedMemoryHarness(
  options: { forgetOnReopen?: boolean; capabilities?: Capabilities } = {},
): ConformanceHarness & { destroyed: number } {
  const data = new Map<string, StorageBackend>();
  const caps = options.capabilities ?? CAPS;
  const harness: ConformanceHarness & { destroyed: number } = {
    name: options.forgetOnReopen ? "forgetful-memory" : "shared-memory",
    destroyed: 0,
    open: async ({ namespace, clock, fresh }) => {
      if (fresh || options.forgetOnReopen || !data.has(namespace)) data.set(namespace, createMemoryStorage({ clock }));
      return handle(data.get(namespace)!, caps);
    },
    destroy: async ({ namespace }) => {
      harness.destroyed++;
      await data.get(namespace)?.close();
      data.delete(namespace);
    },
  };
  return harness;
}
