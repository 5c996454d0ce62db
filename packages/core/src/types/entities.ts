import type { JsonObject } from "./json";

/** Lifecycle of a dialogue. */
export type DialogueStatus = "open" | "converged" | "abandoned";
/** Lifecycle of a tension. Every status except `resolved` counts as unresolved. */
export type TensionStatus = "open" | "addressed" | "resolved";

export const DIALOGUE_STATUSES: readonly DialogueStatus[] = ["open", "converged", "abandoned"];
export const TENSION_STATUSES: readonly TensionStatus[] = ["open", "addressed", "resolved"];

/** A dialogue (RFC 0051): a question explored by experts over rounds. */
export type Dialogue = {
  id: string;
  title: string;
  question?: string;
  status: DialogueStatus;
  createdAt: string;
  updatedAt: string;
  metadata?: JsonObject;
};

/** Input of `createDialogue`. Without `id` the store generates a time-sortable one. */
export type NewDialogue = {
  id?: string;
  title: string;
  question?: string;
  /** Defaults to "open". */
  status?: DialogueStatus;
  metadata?: JsonObject;
  /** Defaults to the store's clock; `updatedAt` starts equal to it. */
  createdAt?: string;
};

/** Fields `updateDialogue` may change. `null` removes an optional field. */
export type DialoguePatch = {
  title?: string;
  question?: string | null;
  status?: DialogueStatus;
  metadata?: JsonObject | null;
};

/** One expert's contribution in one round of a dialogue. */
export type Perspective = {
  dialogueId: string;
  id: string;
  round: number;
  expert: string;
  label: string;
  content: string;
  createdAt: string;
  metadata?: JsonObject;
};

/** Input of `registerPerspective`. */
export type NewPerspective = {
  dialogueId: string;
  id: string;
  round: number;
  expert: string;
  label: string;
  content: string;
  metadata?: JsonObject;
  /** Defaults to the store's clock. */
  createdAt?: string;
};

/** A point of disagreement raised in a dialogue, with a status history. */
export type Tension = {
  dialogueId: string;
  id: string;
  round: number;
  expert: string;
  label: string;
  content: string;
  status: TensionStatus;
  createdAt: string;
  updatedAt: string;
  metadata?: JsonObject;
};

/** Input of `registerTension`. */
export type NewTension = {
  dialogueId: string;
  id: string;
  round: number;
  expert: string;
  label: string;
  content: string;
  /** Defaults to "open"; recorded as event seq 1. */
  status?: TensionStatus;
  metadata?: JsonObject;
  /** Defaults to the store's clock. */
  createdAt?: string;
};

/** Addresses one tension. */
export type TensionId = {
  dialogueId: string;
  tensionId: string;
};

/** One entry of a tension's status history. */
export type TensionEvent = {
  /** 1, 2, 3 … per tension, assigned by the store. */
  seq: number;
  /** The status the tension moved to. */
  status: TensionStatus;
  at: string;
  round?: number;
  actor?: string;
  note?: string;
};

/** What the caller says about a status change; `at` defaults to the store's clock. */
export type TensionEventInput = {
  at?: string;
  round?: number;
  actor?: string;
  note?: string;
};

/** A dialogue with its counters, as `listDialogues` returns it. */
export type DialogueSummary = {
  id: string;
  title: string;
  status: DialogueStatus;
  createdAt: string;
  updatedAt: string;
  perspectiveCount: number;
  tensionCount: number;
  /** Tensions whose status is not "resolved". */
  unresolvedTensionCount: number;
};

/** A tension with its whole history, as exported. */
export type ExportedTension = Tension & { events: TensionEvent[] };

/** Everything that belongs to one dialogue: the unit of backup and of migration. */
export type DialogueExport = {
  format: "blue.dialogue-export";
  version: 1;
  exportedAt: string;
  dialogue: Dialogue;
  /** Ordered by (round, id). */
  perspectives: Perspective[];
  /** Ordered by (round, id); events by seq. */
  tensions: ExportedTension[];
  /** Every link whose `from` or `to` lies inside the dialogue, ordered by (from, to, kind). */
  links: Link[];
};

/** A stored document. */
export type Document = {
  id: number;
  title: string;
  body: string;
  kind?: string;
  path?: string;
  metadata?: JsonObject;
  createdAt: string;
  updatedAt: string;
};

/** Input of `addDocument`. */
export type NewDocument = {
  title: string;
  body: string;
  kind?: string;
  path?: string;
  metadata?: JsonObject;
  /** Defaults to the store's clock; `updatedAt` starts equal to it. */
  createdAt?: string;
};

/** Fields `updateDocument` may change. `null` removes an optional field. */
export type DocumentPatch = {
  title?: string;
  body?: string;
  kind?: string | null;
  path?: string | null;
  metadata?: JsonObject | null;
};

/**
 * A canonical entity address: `type:id` segments joined by `/`, e.g. `document:42`,
 * `dialogue:d1`, `dialogue:d1/tension:T01`. Independent of any backend's key layout.
 */
export type EntityRef = string;

/** A directed, typed relationship between two entities. */
export type Link = {
  from: EntityRef;
  to: EntityRef;
  kind: string;
  metadata?: JsonObject;
  createdAt: string;
};

/** Input of `addLink`. */
export type NewLink = {
  from: EntityRef;
  to: EntityRef;
  kind: string;
  metadata?: JsonObject;
  /** Defaults to the store's clock; kept when the same link is added again. */
  createdAt?: string;
};
