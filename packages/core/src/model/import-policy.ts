import type { ImportConflictPolicy } from "../types/stores";
import { checkOptions } from "../validation/options";
import { METHOD_OPTIONS } from "./options";

/** Validates the options of `importDialogue` / `importDocument`; the policy defaults to "fail". */
export function importConflictPolicy(
  options: unknown,
  method: "importDialogue" | "importDocument" = "importDialogue",
): ImportConflictPolicy {
  return checkOptions(METHOD_OPTIONS[method], options).onConflict ?? "fail";
}
