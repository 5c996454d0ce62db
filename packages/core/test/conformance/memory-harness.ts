import { createMemoryStorage } from "../../src/memory";
import type { ConformanceHarness } from "../../src/conformance";
import type { StorageBackend } from "../../src/types/stores";

/** The reference backend as a harness (not persistent: durability cases are skipped). */
export function memoryHarness(wrap: (b: StorageBackend) => StorageBackend = (b) => b, name = "memory"): ConformanceHarness {
  return {
    name,
    create: async ({ clock }) => wrap(createMemoryStorage({ clock })),
  };
}
