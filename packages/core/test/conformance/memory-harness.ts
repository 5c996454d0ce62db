import { createMemoryStorage } from "../../src/memory";
import type { ConformanceHarness } from "../../src/conformance";
import type { StorageBackend } from "../../src/types/stores";

/** The reference backend as a harness (not persistent: durability and process cases are skipped). */
export function memoryHarness(wrap: (b: StorageBackend) => StorageBackend = (b) => b, name = "memory"): ConformanceHarness {
  return {
    name,
    capabilities: { persistent: false, listConsistency: "strong", multiProcess: false },
    open: async ({ clock }) => wrap(createMemoryStorage({ clock })),
  };
}
