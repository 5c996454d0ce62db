/** Enumeration of a whole backend (backup and migration) and restore of what it yields. */
export * from "./types";
export { firstDifference, sameJson } from "./compare";
export {
  enumerateStorage,
  enumerateDocuments,
  enumerateDialogues,
  enumerateLinks,
  enumerateItems,
  catalogOf,
  compareItemKeys,
  dialogueRecordOf,
  type EnumerateOptions,
} from "./enumerate";
export { StorageRestorer, restoreStorage, exportOfRecord, emptyTally, type RestoreOutcome, type RestoreTally } from "./restore";
export { validateStorageRecord } from "./validate";
