import type { StorageBackend } from "@blue/store-core";

/** The members a StorageBackend must have, and the methods checked on its stores. */
const REQUIRED: ReadonlyArray<[member: string, kind: "string" | "object" | "function", methods?: string[]]> = [
  ["name", "string"],
  ["capabilities", "object"],
  ["dialogues", "object", ["createDialogue", "getDialogue", "listDialogues"]],
  ["documents", "object", ["addDocument", "getDocument", "search"]],
  ["links", "object", ["addLink", "linksFrom", "linksTo"]],
  ["store", "function"],
  ["close", "function"],
];

/**
 * What keeps `value` from being a StorageBackend (e.g. ["close", "dialogues.getDialogue"]),
 * checked structurally because a custom module may bring its own copy of the core package.
 */
export function missingBackendMembers(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return REQUIRED.map(([member]) => member);
  const record = value as Record<string, unknown>;
  const missing: string[] = [];
  for (const [member, kind, methods] of REQUIRED) {
    const found = record[member];
    if (kind === "object" ? typeof found !== "object" || found === null : typeof found !== kind) {
      missing.push(member);
      continue;
    }
    for (const method of methods ?? []) {
      if (typeof (found as Record<string, unknown>)[method] !== "function") missing.push(`${member}.${method}`);
    }
  }
  return missing;
}

/** True when `value` has the shape of a StorageBackend. */
export function isStorageBackend(value: unknown): value is StorageBackend {
  return missingBackendMembers(value).length === 0;
}
