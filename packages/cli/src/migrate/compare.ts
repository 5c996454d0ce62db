import { firstDifference, sameJson, type DialogueExport } from "@blue/store-core";

export { firstDifference, sameJson };

/** Where two exports of the same dialogue differ, ignoring `exportedAt` (the moment of export). */
export function exportDifference(a: DialogueExport, b: DialogueExport): string | undefined {
  return firstDifference({ ...a, exportedAt: "" }, { ...b, exportedAt: "" });
}
