// The split of core's entries (docs/decisions.md, D35): the main entry holds what applications
// use, `/engine` what engine authors build a backend from, and no runtime name is in both.
import * as main from "../../src";
import * as engine from "../../src/engine";

describe("core's entries", () => {
  test("the main entry has exactly the application's runtime names", () => {
    expect(Object.keys(main).sort()).toEqual([
      "BackendNotInstalledError",
      "ClosedError",
      "ConfigError",
      "ConflictError",
      "DIALOGUE_STATUSES",
      "InternalError",
      "ItemTooLargeError",
      "LIMITS",
      "NotFoundError",
      "NotSupportedError",
      "STORE_ERROR_CODES",
      "StoreError",
      "TENSION_STATUSES",
      "UnavailableError",
      "ValidationError",
      "createMemoryStorage",
      "defineEngine",
      "isStoreError",
      "memoryEngine",
      "openStore",
    ]);
  });

  test("the engine entry shares no name with the main entry and has the helpers backends use", () => {
    const names = Object.keys(engine);
    expect(names.filter((n) => n in main)).toEqual([]);
    for (const n of [
      "notFound",
      "alreadyExists",
      "statusConditionFailed",
      "transactConditionFailed",
      "closed",
      "asStoreError",
      "buildDialogue",
      "encodeKey",
      "bm25Score",
      "tokenize",
      "Lifecycle",
      "enumerateStorage",
      "validateDialogueExport",
    ]) {
      expect([n, typeof (engine as Record<string, unknown>)[n]]).toEqual([n, "function"]);
    }
  });
});
