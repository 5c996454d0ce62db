/**
 * The errors of the contract's situations, each with its code, message and `details` fixed
 * once, so every backend raises the same error for the same situation. `details.entity` names
 * the kind of entity; the other keys are its ids, as the entity's own fields name them.
 */
import { ClosedError, ConflictError, NotFoundError, type StoreErrorDetails } from "./store-error";

/** The ids that name each kind of entity, as they appear in an error's `details`. */
export interface EntityIds {
  dialogue: { dialogueId: string };
  perspective: { dialogueId: string; perspectiveId: string };
  tension: { dialogueId: string; tensionId: string };
  document: { documentId: number };
  item: { store: string; pk: string; sk: string };
}

/** A kind of entity the contract's NOT_FOUND and ALREADY_EXISTS errors name. */
export type EntityKind = keyof EntityIds;

/** The `details` of an error about one entity: its kind and its ids. */
export type EntityDetails<E extends EntityKind = EntityKind> = { entity: E } & EntityIds[E];

/** How a message names an entity: `dialogue d1`, `tension d1/t2`, `document 7`, … */
function describe<E extends EntityKind>(entity: E, ids: EntityIds[E]): string {
  const i = ids as Partial<EntityIds["perspective"] & EntityIds["tension"] & EntityIds["document"] & EntityIds["item"]>;
  switch (entity) {
    case "dialogue":
      return `dialogue ${i.dialogueId}`;
    case "perspective":
      return `perspective ${i.dialogueId}/${i.perspectiveId}`;
    case "tension":
      return `tension ${i.dialogueId}/${i.tensionId}`;
    case "document":
      return `document ${i.documentId}`;
    default:
      return `item (${JSON.stringify(i.pk)}, ${JSON.stringify(i.sk)}) in store ${i.store}`;
  }
}

const ID_KEYS: { [E in EntityKind]: ReadonlyArray<keyof EntityIds[E]> } = {
  dialogue: ["dialogueId"],
  perspective: ["dialogueId", "perspectiveId"],
  tension: ["dialogueId", "tensionId"],
  document: ["documentId"],
  item: ["store", "pk", "sk"],
};

/** `{ entity, ...ids }` with exactly the entity's id keys (a caller's object may hold more). */
function detailsOf<E extends EntityKind>(entity: E, ids: EntityIds[E]): StoreErrorDetails {
  const out: Record<string, unknown> = { entity };
  for (const key of ID_KEYS[entity]) out[key as string] = ids[key];
  return out;
}

/** NOT_FOUND: the entity a method needs does not exist, e.g. `notFound("dialogue", { dialogueId })`. */
export function notFound<E extends EntityKind>(entity: E, ids: EntityIds[E]): NotFoundError {
  return new NotFoundError(`${describe(entity, ids)} not found`, { details: detailsOf(entity, ids) });
}

/** ALREADY_EXISTS: the entity's id or key is taken, e.g. `alreadyExists("perspective", { dialogueId, perspectiveId })`. */
export function alreadyExists<E extends EntityKind>(entity: E, ids: EntityIds[E]): ConflictError {
  return new ConflictError("ALREADY_EXISTS", `${describe(entity, ids)} already exists`, { details: detailsOf(entity, ids) });
}

/** CONDITION_FAILED of `updateTensionStatus`: the tension's status is not the `ifStatus` given. */
export function statusConditionFailed(tension: { dialogueId: string; id: string; status: string }, expected: string): ConflictError {
  const ids = { dialogueId: tension.dialogueId, tensionId: tension.id };
  return new ConflictError("CONDITION_FAILED", `${describe("tension", ids)} is ${tension.status}, not ${expected}`, {
    details: { ...detailsOf("tension", ids), current: tension.status, expected },
  });
}

/** CONDITION_FAILED of `transact`: operation `index` found its condition false; nothing was written. */
export function transactConditionFailed(op: { index: number; kind: string }): ConflictError {
  const what =
    op.kind === "put" ? "the key is taken (ifNotExists)" : op.kind === "delete" ? "there is no item (ifExists)" : "the check did not hold";
  return new ConflictError("CONDITION_FAILED", `transaction cancelled: ops[${op.index}] (${op.kind}): ${what}; nothing was written`, {
    details: { index: op.index },
  });
}

/** CLOSED: the backend was closed. */
export function closed(): ClosedError {
  return new ClosedError();
}
