import { DIALOGUE_STATUSES, TENSION_STATUSES } from "../types/entities";
import type { ImportConflictPolicy } from "../types/stores";
import { LIMITS } from "../validation/limits";
import { defineOptions, optionTypes } from "../validation/options";

const { boolean, string, integer, oneOf, timestamp, id } = optionTypes;
const limit = integer(1, LIMITS.pageMaxLimit);
const ttlSeconds = integer(1, LIMITS.ttlMaxSeconds);
const IMPORT_POLICIES: readonly ImportConflictPolicy[] = ["fail", "skip", "replace"];

/**
 * The options of every method that takes an options object, declared once for every backend:
 * `checkOptions(METHOD_OPTIONS.query, options)` is VALIDATION for a wrong type, a value out of
 * range or set, or an option the method does not have. (`transact` operations are checked by
 * `prepareTransact`; `search`'s positional limit by `validateSearch`.)
 */
export const METHOD_OPTIONS = {
  put: defineOptions("put", { ifNotExists: boolean, ttlSeconds, expiresAt: timestamp }),
  putMany: defineOptions("putMany", { ttlSeconds, expiresAt: timestamp }),
  query: defineOptions("query", { limit, reverse: boolean }),
  queryPage: defineOptions("queryPage", { limit, cursor: string, reverse: boolean }),
  iterate: defineOptions("iterate", { pageSize: limit, reverse: boolean }),
  updateTensionStatus: defineOptions("updateTensionStatus", { ifStatus: oneOf(TENSION_STATUSES) }),
  importDialogue: defineOptions("importDialogue", { onConflict: oneOf(IMPORT_POLICIES) }),
  importDocument: defineOptions("importDocument", { onConflict: oneOf(IMPORT_POLICIES) }),
  listDialoguesPage: defineOptions("listDialoguesPage", { limit, cursor: string, status: oneOf(DIALOGUE_STATUSES) }),
  listDocumentsPage: defineOptions("listDocumentsPage", { limit, cursor: string }),
  listLinksPage: defineOptions("listLinksPage", { limit, cursor: string }),
  iterateDialogues: defineOptions("iterateDialogues", { pageSize: limit }),
  iterateDocuments: defineOptions("iterateDocuments", { pageSize: limit }),
  iterateLinks: defineOptions("iterateLinks", { pageSize: limit }),
  linksFrom: defineOptions("linksFrom", { kind: id }),
  linksTo: defineOptions("linksTo", { kind: id }),
};
