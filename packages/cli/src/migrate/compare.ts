import type { DialogueExport } from "@blue/store-core";
import { firstDifference, sameJson } from "@blue/store-core/engine";

export { firstDifference, sameJson };

/** Where two exports of the same dialogue differ, ignoring `exportedAt` (the moment of export). */
export function exportDifference(a: DialogueExport, b: DialogueExport): string | undefined {
  return firstDifference({ ...a, exportedAt: "" }, { ...b, exportedAt: "" });
}
