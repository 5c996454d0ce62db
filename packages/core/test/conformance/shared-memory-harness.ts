import { ClosedError } from "../../src/errors";
import { createMemoryStorage } from "../../src/memory";
import type { ConformanceHarness } from "../../src/conformance";
import type { Capabilities, StorageBackend } from "../../src/types/stores";

const CAPS: Capabilities = { persistent: true, listConsistency: "strong", multiProcess: true };

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
        return (...args: unknown[]) => (closed ? Promise.reject(new ClosedError()) : (v as (...a: unknown[]) => unknown).apply(target, args));
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
 * A "persistent", multi-handle harness over the memory backend: `reopen` opens another
 * handle over the same data. With `forgetOnReopen` it is broken: reopen starts empty.
 */
export function sharedMemoryHarness(options: { forgetOnReopen?: boolean; capabilities?: Capabilities } = {}): ConformanceHarness & { destroyed: number } {
  const bases = new Map<StorageBackend, { base: StorageBackend; clock: () => Date }>();
  const caps = options.capabilities ?? CAPS;
  const open = (base: StorageBackend, clock: () => Date) => {
    const h = handle(base, caps);
    bases.set(h, { base, clock });
    return h;
  };
  const harness = {
    name: options.forgetOnReopen ? "forgetful-memory" : "shared-memory",
    destroyed: 0,
    create: async ({ clock }: { clock: () => Date }) => open(createMemoryStorage({ clock }), clock),
    reopen: async (h: StorageBackend) => {
      const { base, clock } = bases.get(h)!;
      return open(options.forgetOnReopen ? createMemoryStorage({ clock }) : base, clock);
    },
    destroy: async (h: StorageBackend) => {
      harness.destroyed++;
      await bases.get(h)?.base.close();
    },
  };
  return harness;
}
