import { ValidationError } from "../errors";
import { statusConditionFailed } from "../errors/factories";
import { checkOptions } from "../validation/options";
import { METHOD_OPTIONS } from "./options";
import { compareUtf8 } from "../encoding/utf8";
import type {
  Dialogue,
  DialoguePatch,
  DialogueStatus,
  DialogueSummary,
  NewDialogue,
  NewPerspective,
  NewTension,
  Perspective,
  Tension,
  TensionEvent,
  TensionEventInput,
  TensionId,
  TensionStatus,
} from "../types/entities";
import { DIALOGUE_STATUSES, TENSION_STATUSES } from "../types/entities";
import type { JsonObject } from "../types/json";
import { assertJsonSize, normalizeJsonObject } from "../validation/json";
import { utf8ByteLength } from "../encoding/utf8";
import { assertId, assertOneOf, assertRound, assertString, assertTimestamp, laterTimestamp } from "../validation/scalars";
import type { ModelContext } from "./context";

function assertInput(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ValidationError(`${what} must be an object`, { details: { field: what } });
  }
  return value as Record<string, unknown>;
}

function optionalMetadata(value: unknown, field: string): JsonObject | undefined {
  return value === undefined ? undefined : normalizeJsonObject(value, field);
}

/** Drops undefined properties so stored entities have a canonical shape. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Validates a dialogue status. */
export function assertDialogueStatus(value: unknown, field = "status"): DialogueStatus {
  return assertOneOf(value, DIALOGUE_STATUSES, field);
}

/** Validates a tension status. */
export function assertTensionStatus(value: unknown, field = "status"): TensionStatus {
  return assertOneOf(value, TENSION_STATUSES, field);
}

/** Validates `createDialogue` input and builds the dialogue to store. */
export function buildDialogue(input: NewDialogue, ctx: ModelContext): Dialogue {
  const d = assertInput(input, "dialogue");
  const id = d.id === undefined ? ctx.newId() : assertId(d.id, "dialogue.id");
  const createdAt = d.createdAt === undefined ? ctx.now() : assertTimestamp(d.createdAt, "dialogue.createdAt");
  const dialogue = compact<Dialogue>({
    id,
    title: assertString(d.title, "dialogue.title", { nonEmpty: true }),
    question: d.question === undefined ? undefined : assertString(d.question, "dialogue.question"),
    status: d.status === undefined ? "open" : assertDialogueStatus(d.status, "dialogue.status"),
    createdAt,
    updatedAt: createdAt,
    metadata: optionalMetadata(d.metadata, "dialogue.metadata"),
  });
  assertJsonSize(dialogue, "the dialogue");
  return dialogue;
}

/** Validates a patch before the dialogue is read, so a bad patch fails the same way whether or not the dialogue exists. */
export function validateDialoguePatch(patch: DialoguePatch): DialoguePatch {
  const p = assertInput(patch, "patch");
  const known = ["title", "question", "status", "metadata"];
  for (const k of Object.keys(p)) {
    if (!known.includes(k))
      throw new ValidationError(`patch.${k}: not a field updateDialogue can change`, { details: { field: `patch.${k}` } });
  }
  return compact<DialoguePatch>({
    title: p.title === undefined ? undefined : assertString(p.title, "patch.title", { nonEmpty: true }),
    question:
      p.question === undefined || p.question === null ? (p.question as null | undefined) : assertString(p.question, "patch.question"),
    status: p.status === undefined ? undefined : assertDialogueStatus(p.status, "patch.status"),
    metadata:
      p.metadata === undefined || p.metadata === null
        ? (p.metadata as null | undefined)
        : normalizeJsonObject(p.metadata, "patch.metadata"),
  });
}

/** Applies a validated patch; `updatedAt` moves to now (never backwards). */
export function applyDialoguePatch(current: Dialogue, patch: DialoguePatch, ctx: ModelContext): Dialogue {
  const next: Dialogue = { ...current };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.question === null) delete next.question;
  else if (patch.question !== undefined) next.question = patch.question;
  if (patch.metadata === null) delete next.metadata;
  else if (patch.metadata !== undefined) next.metadata = patch.metadata;
  next.updatedAt = laterTimestamp(current.updatedAt, ctx.now());
  assertJsonSize(next, "the dialogue");
  return next;
}

/** Validates `registerPerspective` input and builds the perspective to store. */
export function buildPerspective(input: NewPerspective, ctx: ModelContext): Perspective {
  const p = assertInput(input, "perspective");
  const perspective = compact<Perspective>({
    dialogueId: assertId(p.dialogueId, "perspective.dialogueId"),
    id: assertId(p.id, "perspective.id"),
    round: assertRound(p.round, "perspective.round"),
    expert: assertString(p.expert, "perspective.expert", { nonEmpty: true }),
    label: assertString(p.label, "perspective.label"),
    content: assertString(p.content, "perspective.content"),
    createdAt: p.createdAt === undefined ? ctx.now() : assertTimestamp(p.createdAt, "perspective.createdAt"),
    metadata: optionalMetadata(p.metadata, "perspective.metadata"),
  });
  assertJsonSize(perspective, "the perspective");
  return perspective;
}

/** The tension status whose JSON is longest ("addressed"): every tension is measured as if it had it. */
const ROOMIEST_TENSION_STATUS = TENSION_STATUSES.reduce((a, b) => (utf8ByteLength(b) > utf8ByteLength(a) ? b : a));

/**
 * Checks a tension against the item limit as if its status were the longest one, so a status
 * change (which grows a stored tension by the difference) can never push it over the limit,
 * and every export a store produced imports again. Registration, import and every status
 * change measure a tension through this one rule.
 */
export function assertTensionSize(tension: Tension): void {
  assertJsonSize(
    { ...tension, status: ROOMIEST_TENSION_STATUS },
    `the tension (measured with status "${ROOMIEST_TENSION_STATUS}", the room any status change needs)`,
  );
}

/** Validates `registerTension` input; builds the tension and its first event (seq 1). */
export function buildTension(input: NewTension, ctx: ModelContext): { tension: Tension; event: TensionEvent } {
  const t = assertInput(input, "tension");
  const createdAt = t.createdAt === undefined ? ctx.now() : assertTimestamp(t.createdAt, "tension.createdAt");
  const tension = compact<Tension>({
    dialogueId: assertId(t.dialogueId, "tension.dialogueId"),
    id: assertId(t.id, "tension.id"),
    round: assertRound(t.round, "tension.round"),
    expert: assertString(t.expert, "tension.expert", { nonEmpty: true }),
    label: assertString(t.label, "tension.label"),
    content: assertString(t.content, "tension.content"),
    status: t.status === undefined ? "open" : assertTensionStatus(t.status, "tension.status"),
    createdAt,
    updatedAt: createdAt,
    metadata: optionalMetadata(t.metadata, "tension.metadata"),
  });
  assertTensionSize(tension);
  const event: TensionEvent = { seq: 1, status: tension.status, at: createdAt, round: tension.round, actor: tension.expert };
  return { tension, event };
}

/** Validates a tension address. */
export function assertTensionId(id: TensionId): TensionId {
  const t = assertInput(id, "tensionId");
  return { dialogueId: assertId(t.dialogueId, "tensionId.dialogueId"), tensionId: assertId(t.tensionId, "tensionId.tensionId") };
}

/** A validated status change, before the tension is read. */
export interface StatusChangeRequest {
  id: TensionId;
  status: TensionStatus;
  event: TensionEventInput;
  ifStatus?: TensionStatus;
}

/** Validates every argument of `updateTensionStatus` (before any read). */
export function validateStatusChange(
  id: TensionId,
  status: TensionStatus,
  event: TensionEventInput,
  options?: { ifStatus?: TensionStatus },
): StatusChangeRequest {
  const e = assertInput(event ?? {}, "event");
  const opts = checkOptions(METHOD_OPTIONS.updateTensionStatus, options);
  const checked = compact<TensionEventInput>({
    at: e.at === undefined ? undefined : assertTimestamp(e.at, "event.at"),
    round: e.round === undefined ? undefined : assertRound(e.round, "event.round"),
    actor: e.actor === undefined ? undefined : assertString(e.actor, "event.actor"),
    note: e.note === undefined ? undefined : assertString(e.note, "event.note"),
  });
  const request: StatusChangeRequest = { id: assertTensionId(id), status: assertTensionStatus(status), event: checked };
  if (opts.ifStatus !== undefined) request.ifStatus = opts.ifStatus;
  return request;
}

/**
 * Applies a status change to the current tension: checks `ifStatus` (CONDITION_FAILED),
 * builds the next event (seq = lastSeq + 1) and the updated tension.
 */
export function applyStatusChange(
  current: Tension,
  lastSeq: number,
  request: StatusChangeRequest,
  ctx: ModelContext,
): { tension: Tension; event: TensionEvent } {
  if (request.ifStatus !== undefined && current.status !== request.ifStatus) {
    throw statusConditionFailed(current, request.ifStatus);
  }
  const at = request.event.at ?? ctx.now();
  const event = compact<TensionEvent>({ seq: lastSeq + 1, status: request.status, at, ...request.event });
  event.at = at;
  assertJsonSize(event, "the tension event");
  const tension: Tension = { ...current, status: request.status, updatedAt: laterTimestamp(current.updatedAt, at) };
  assertTensionSize(tension);
  return { tension, event };
}

/** The summary counters of a dialogue. */
export interface DialogueCounts {
  perspectiveCount: number;
  tensionCount: number;
  unresolvedTensionCount: number;
}

/** How a tension's status changes the unresolved counter (resolved tensions are not counted). */
export function unresolvedDelta(from: TensionStatus | undefined, to: TensionStatus): number {
  const was = from !== undefined && from !== "resolved" ? 1 : 0;
  const is = to !== "resolved" ? 1 : 0;
  return is - was;
}

/** Builds a summary from a dialogue and its counters. */
export function summarizeDialogue(d: Dialogue, counts: DialogueCounts): DialogueSummary {
  return {
    id: d.id,
    title: d.title,
    status: d.status,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    perspectiveCount: counts.perspectiveCount,
    tensionCount: counts.tensionCount,
    unresolvedTensionCount: counts.unresolvedTensionCount,
  };
}

/** The listing order: `updatedAt` descending, then id ascending. */
export function compareSummaries(a: { updatedAt: string; id: string }, b: { updatedAt: string; id: string }): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? -1 : 1;
  return compareUtf8(a.id, b.id);
}

/** The export order of perspectives and tensions: (round, id). */
export function compareByRoundAndId(a: { round: number; id: string }, b: { round: number; id: string }): number {
  return a.round - b.round || compareUtf8(a.id, b.id);
}
