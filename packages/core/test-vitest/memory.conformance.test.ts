// The conformance kit under real vitest, through the built adapter a user imports
// (`@blue/store-core/conformance/vitest`), against the memory backend.
import { describeConformance } from "../dist/conformance/vitest.mjs";
import { createMemoryStorage } from "../dist/index.mjs";

describeConformance({
  name: "memory (vitest)",
  capabilities: { persistent: false, listConsistency: "strong", multiProcess: false },
  create: async ({ clock }) => createMemoryStorage({ clock }),
});
