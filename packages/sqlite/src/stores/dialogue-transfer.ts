import type { DialogueExport, ExportedTension, ImportConflictPolicy, Tension, TensionEvent } from "@blue/store-core";
import { dialogueRef, exportCounts, alreadyExists, notFound, type ModelContext } from "@blue/store-core/engine";
import { dialogueValues, toDialogue, type DialogueStatements } from "./dialogue-sql";
import type { SqliteLinkStore } from "./link-store";

/** Reads a whole dialogue in one snapshot (run inside a read transaction). Missing -> NOT_FOUND. */
export function readExport(st: DialogueStatements, links: SqliteLinkStore, id: string, ctx: ModelContext): DialogueExport {
  const row = st.selectDialogue.get(id);
  if (row === undefined) throw notFound("dialogue", { dialogueId: id });
  const events = new Map<string, TensionEvent[]>();
  for (const e of st.events.all(id)) {
    let list = events.get(e.tension_id);
    if (list === undefined) events.set(e.tension_id, (list = []));
    list.push(JSON.parse(e.item) as TensionEvent);
  }
  return {
    format: "blue.dialogue-export",
    version: 1,
    exportedAt: ctx.now(),
    dialogue: toDialogue(row),
    perspectives: st.perspectives.all(id).map((item) => JSON.parse(item)),
    tensions: st.tensions
      .all(id)
      .map((t): ExportedTension => ({ ...(JSON.parse(t.item) as Tension), events: events.get(t.tension_id) ?? [] })),
    links: links.within(dialogueRef(id)),
  };
}

/** Writes a validated export (run inside a write transaction), honouring the conflict policy. */
export function writeImport(st: DialogueStatements, links: SqliteLinkStore, e: DialogueExport, policy: ImportConflictPolicy): void {
  const id = e.dialogue.id;
  if (st.dialogueExists.get(id) !== undefined) {
    if (policy === "skip") return;
    if (policy === "fail") throw alreadyExists("dialogue", { dialogueId: id });
    for (const del of st.deleteRows) del.run(id);
    links.removeWithin(dialogueRef(id));
  }
  st.insertDialogue.run(...dialogueValues(e.dialogue, exportCounts(e)));
  for (const p of e.perspectives) st.insertPerspective.run(id, p.id, p.round, JSON.stringify(p));
  for (const { events, ...tension } of e.tensions) {
    st.insertTension.run(id, tension.id, tension.round, tension.status, events.length, JSON.stringify(tension));
    for (const ev of events) st.insertEvent.run(id, tension.id, ev.seq, JSON.stringify(ev));
  }
  for (const link of e.links) links.put(link);
}
