import { createMemoryStorage } from "../../src/memory";
import { iterateDialoguePages } from "../../src/model/iterate";
import type { ConformanceHarness } from "../../src/conformance";
import type { DialogueStore } from "../../src/types/stores";

const READS = new Set(["getDialogue", "exportDialogue", "listDialogues", "listDialoguesPage"]);

/**
 * A memory backend that declares eventual list consistency and behaves like it: after any
 * dialogue write, the next two listing calls see an empty index (like a lagging GSI).
 */
export function laggingHarness(): ConformanceHarness {
  return {
    name: "lagging-memory",
    open: async ({ clock }) => {
      const b = createMemoryStorage({ clock });
      let lag = 0;
      const base = b.dialogues as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const dialogues: Record<string, unknown> = {};
      for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(b.dialogues))) {
        if (
          name === "constructor" ||
          typeof base[name] !== "function" ||
          name.startsWith("record") ||
          name.startsWith("iterate") ||
          name === "sortedSummaries"
        )
          continue;
        dialogues[name] = async (...args: unknown[]) => {
          if (name === "listDialogues" && lag > 0) return (lag--, await base[name]!(...args), []);
          if (name === "listDialoguesPage" && lag > 0) return (lag--, await base[name]!(...args), { items: [] });
          const result = await base[name]!(...args);
          if (!READS.has(name)) lag = 2;
          return result;
        };
      }
      dialogues.iterateDialogues = (...args: Parameters<DialogueStore["iterateDialogues"]>) =>
        iterateDialoguePages(dialogues as unknown as DialogueStore, ...args);
      return { ...b, dialogues: dialogues as unknown as DialogueStore, capabilities: { ...b.capabilities, listConsistency: "eventual" } };
    },
  };
}
