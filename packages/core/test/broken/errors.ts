import { ConflictError, isStoreError, NotFoundError, type StoreError, type StoreErrorDetails } from "../../src/errors";
import type { DialogueStore, DocumentStore } from "../../src/types/stores";
import { override, type BrokenBackend } from "./wrap";

/** The dialogue methods that fail NOT_FOUND when their dialogue or tension is missing. */
const NEEDS_DIALOGUE = ["updateDialogue", "registerPerspective", "registerTension", "updateTensionStatus", "exportDialogue"];

/** Re-raises an error with the right code and message, but other `details`. */
function redetail(e: StoreError, details: StoreErrorDetails): StoreError {
  if (e.code === "NOT_FOUND") return new NotFoundError(e.message, { details, cause: e.cause });
  return new ConflictError(e.code as "ALREADY_EXISTS" | "CONDITION_FAILED", e.message, { details, cause: e.cause });
}

/** Every method of `base` (of `names`), with the errors `pick` selects given `details` by `change`. */
function rewriting<T extends object>(
  base: T,
  names: readonly string[],
  pick: (e: StoreError) => boolean,
  change: (d: StoreErrorDetails) => StoreErrorDetails,
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const n of names) {
    out[n] = async (...args: unknown[]) => {
      try {
        return await (base as Record<string, (...a: unknown[]) => Promise<unknown>>)[n]!(...args);
      } catch (e) {
        throw isStoreError(e) && pick(e) ? redetail(e, change(e.details)) : e;
      }
    };
  }
  return out as Partial<T>;
}

/** Broken error details: the right code and message, the wrong `details`. */
export const brokenErrorBackends: BrokenBackend[] = [
  {
    name: "already-exists-without-details",
    breaks: "a perspective's or tension's ALREADY_EXISTS carries no details (the drift SQLite and memory had before the error factories)",
    mustFail: ["errors.details.alreadyExists"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) =>
          rewriting<DialogueStore>(
            d,
            ["registerPerspective", "registerTension"],
            (e) => e.code === "ALREADY_EXISTS",
            () => ({}),
          ),
      }),
  },
  {
    name: "not-found-renamed-details",
    breaks: "NOT_FOUND names the entity's id `id` instead of { entity, dialogueId / tensionId / documentId }",
    mustFail: ["errors.details.notFound"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) =>
          rewriting<DialogueStore>(
            d,
            NEEDS_DIALOGUE,
            (e) => e.code === "NOT_FOUND",
            (x) => ({ id: x.tensionId ?? x.dialogueId }),
          ),
        documents: (d) =>
          rewriting<DocumentStore>(
            d,
            ["updateDocument"],
            (e) => e.code === "NOT_FOUND",
            (x) => ({ id: x.documentId }),
          ),
      }),
  },
  {
    name: "status-conflict-without-ids",
    breaks: "updateTensionStatus's CONDITION_FAILED gives the statuses but not which tension",
    mustFail: ["errors.details.conflict"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) =>
          rewriting<DialogueStore>(
            d,
            ["updateTensionStatus"],
            (e) => e.code === "CONDITION_FAILED",
            ({ current, expected }) => ({ current, expected }),
          ),
      }),
  },
];
