import { defineEngine } from "../types/engine";
import { createMemoryStorage } from "./memory-backend";

/**
 * The memory engine's descriptor (`backend = "memory"`): no settings; every open is a fresh,
 * empty, private store, so every namespace is isolated and there is nothing to remove.
 */
export const memoryEngine = defineEngine<Record<string, never>>({
  name: "memory",
  settings: {},
  async open(_settings, { clock }) {
    return createMemoryStorage(clock === undefined ? {} : { clock });
  },
  isolate: (settings) => settings,
  async removeNamespace() {},
  describe: () => ({ line: "memory (nothing persists)", facts: {} }),
});
