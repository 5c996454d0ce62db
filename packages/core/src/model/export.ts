import { ValidationError } from "../errors";
import type { DialogueExport, ExportedTension, Link, Perspective, TensionEvent } from "../types/entities";
import { assertJsonSize } from "../validation/json";
import { dialogueRef, isWithinRef } from "../validation/entity-refs";
import { assertInteger, assertTimestamp } from "../validation/scalars";
import { buildDialogue, buildPerspective, buildTension, compareByRoundAndId, validateStatusChange } from "./dialogues";
import { buildLink, compareLinksForExport } from "./links";
import type { ModelContext } from "./context";

function fail(field: string, message: string): never {
  throw new ValidationError(`export ${field}: ${message}`, { details: { field } });
}

/** A context that refuses to invent values: an export must carry all of them. */
const NO_DEFAULTS: ModelContext = {
  now: () => fail("timestamp", "a timestamp is missing"),
  newId: () => fail("dialogue.id", "the dialogue id is missing"),
};

function checkEvents(t: ExportedTension, field: string): TensionEvent[] {
  if (!Array.isArray(t.events) || t.events.length === 0) fail(`${field}.events`, "a tension needs at least its first event");
  return t.events.map((e, i) => {
    const f = `${field}.events[${i}]`;
    if (typeof e !== "object" || e === null) fail(f, "must be an object");
    assertInteger(e.seq, `${f}.seq`, 1, Number.MAX_SAFE_INTEGER);
    if (e.seq !== i + 1) fail(`${f}.seq`, `expected ${i + 1}: events run 1, 2, 3 … without gaps`);
    const change = validateStatusChange({ dialogueId: t.dialogueId, tensionId: t.id }, e.status, {
      at: e.at,
      round: e.round,
      actor: e.actor,
      note: e.note,
    });
    for (const k of Object.keys(e)) {
      if (!["seq", "status", "at", "round", "actor", "note"].includes(k)) fail(`${f}.${k}`, "not a field of a tension event");
    }
    assertTimestamp(e.at, `${f}.at`);
    const event: TensionEvent = { seq: e.seq, status: change.status, ...change.event } as TensionEvent;
    assertJsonSize(event, "a tension event");
    return event;
  });
}

/**
 * Validates a dialogue export completely (before anything is written) and returns it in
 * canonical form and order. Every entity must belong to the exported dialogue, ids must be
 * unique, event sequences contiguous, and each tension's status its last event's status.
 */
export function validateDialogueExport(input: DialogueExport): DialogueExport {
  if (typeof input !== "object" || input === null) fail("", "must be an object");
  if (input.format !== "blue.dialogue-export") fail("format", 'must be "blue.dialogue-export"');
  if (input.version !== 1) fail("version", "only version 1 is understood");
  const exportedAt = assertTimestamp(input.exportedAt, "exportedAt");
  const src = input.dialogue;
  if (typeof src !== "object" || src === null) fail("dialogue", "must be an object");
  if (src.id === undefined) fail("dialogue.id", "is missing");
  const dialogue = buildDialogue({ ...src, createdAt: src.createdAt }, NO_DEFAULTS);
  dialogue.updatedAt = assertTimestamp(src.updatedAt, "dialogue.updatedAt");
  if (dialogue.updatedAt < dialogue.createdAt) fail("dialogue.updatedAt", "is before createdAt");

  if (!Array.isArray(input.perspectives)) fail("perspectives", "must be an array");
  if (!Array.isArray(input.tensions)) fail("tensions", "must be an array");
  if (!Array.isArray(input.links)) fail("links", "must be an array");

  const seen = new Set<string>();
  const perspectives: Perspective[] = input.perspectives.map((p, i) => {
    if (typeof p !== "object" || p === null) fail(`perspectives[${i}]`, "must be an object");
    if (p.createdAt === undefined) fail(`perspectives[${i}].createdAt`, "is missing");
    const perspective = buildPerspective(p, NO_DEFAULTS);
    if (perspective.dialogueId !== dialogue.id) fail(`perspectives[${i}].dialogueId`, `must be ${dialogue.id}`);
    if (seen.has(perspective.id)) fail(`perspectives[${i}].id`, `${perspective.id} appears twice`);
    seen.add(perspective.id);
    return perspective;
  });

  seen.clear();
  const tensions: ExportedTension[] = input.tensions.map((t, i) => {
    const f = `tensions[${i}]`;
    if (typeof t !== "object" || t === null) fail(f, "must be an object");
    if (t.createdAt === undefined) fail(`${f}.createdAt`, "is missing");
    const { events: _events, updatedAt, ...rest } = t;
    const { tension } = buildTension(rest, NO_DEFAULTS);
    tension.updatedAt = assertTimestamp(updatedAt, `${f}.updatedAt`);
    if (tension.dialogueId !== dialogue.id) fail(`${f}.dialogueId`, `must be ${dialogue.id}`);
    if (seen.has(tension.id)) fail(`${f}.id`, `${tension.id} appears twice`);
    seen.add(tension.id);
    const events = checkEvents(t, f);
    if (events[events.length - 1]!.status !== tension.status) fail(`${f}.status`, "must be the status of its last event");
    return { ...tension, events };
  });

  const root = dialogueRef(dialogue.id);
  const linkKeys = new Set<string>();
  const links: Link[] = input.links.map((l, i) => {
    if (typeof l !== "object" || l === null) fail(`links[${i}]`, "must be an object");
    if (l.createdAt === undefined) fail(`links[${i}].createdAt`, "is missing");
    const link = buildLink(l, NO_DEFAULTS);
    if (!isWithinRef(link.from, root) && !isWithinRef(link.to, root)) fail(`links[${i}]`, `neither end lies inside ${root}`);
    const key = JSON.stringify([link.from, link.to, link.kind]);
    if (linkKeys.has(key)) fail(`links[${i}]`, "appears twice");
    linkKeys.add(key);
    return link;
  });

  return {
    format: "blue.dialogue-export",
    version: 1,
    exportedAt,
    dialogue,
    perspectives: perspectives.sort(compareByRoundAndId),
    tensions: tensions.sort(compareByRoundAndId),
    links: links.sort(compareLinksForExport),
  };
}

/** Sorts the parts of an export into the canonical order (used by backends that assemble exports). */
export function canonicalExportOrder(e: DialogueExport): DialogueExport {
  e.perspectives.sort(compareByRoundAndId);
  e.tensions.sort(compareByRoundAndId);
  for (const t of e.tensions) t.events.sort((a, b) => a.seq - b.seq);
  e.links.sort(compareLinksForExport);
  return e;
}

/** Counts of an export, as the dialogue's summary holds them. */
export function exportCounts(e: DialogueExport) {
  return {
    perspectiveCount: e.perspectives.length,
    tensionCount: e.tensions.length,
    unresolvedTensionCount: e.tensions.filter((t) => t.status !== "resolved").length,
  };
}
