import type { ImportConflictPolicy } from "../types/stores";
import { assertOneOf, assertOptions } from "../validation/scalars";

const POLICIES: readonly ImportConflictPolicy[] = ["fail", "skip", "replace"];

/** Validates the options of `importDialogue` / `importDocument`; the policy defaults to "fail". */
export function importConflictPolicy(options: unknown): ImportConflictPolicy {
  const opts = assertOptions(options);
  return opts.onConflict === undefined ? "fail" : assertOneOf(opts.onConflict, POLICIES, "options.onConflict");
}
