import type { Dialogue, Document, Link, Perspective, Tension, TensionEvent } from "@blue/store-core";

/** One dialogue and everything inside it. */
export interface DialogueRecord {
  dialogue: Dialogue;
  /** By id. */
  perspectives: Record<string, Perspective>;
  /** By id; events in seq order. */
  tensions: Record<string, { tension: Tension; events: TensionEvent[] }>;
}

/** Everything one namespace holds: the whole content of its JSON file. */
export interface State {
  format: "blue-example-json-file";
  version: 1;
  dialogues: Record<string, DialogueRecord>;
  /** By id (as a string). */
  documents: Record<string, Document>;
  /** The highest document id ever assigned or imported: ids are never reused. */
  lastDocumentId: number;
  /** By `encodeKey([from, to, kind])`. */
  links: Record<string, Link>;
  /** `encodeKey([schema name, pk])` -> sk -> the item as JSON text, with its expiry (ms) if any. */
  items: Record<string, Record<string, StoredItem>>;
}

/** A generic item: its JSON (`j`) and its expiry in ms since the epoch (`x`, absent: never). */
export interface StoredItem {
  j: string;
  x?: number;
}

export function emptyState(): State {
  return { format: "blue-example-json-file", version: 1, dialogues: {}, documents: {}, lastDocumentId: 0, links: {}, items: {} };
}

/** A deep copy, so callers never hold the engine's objects. */
export const copy = <T>(value: T): T => structuredClone(value);
