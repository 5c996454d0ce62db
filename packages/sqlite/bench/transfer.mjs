// exportDialogue / importDialogue of 1,000 perspectives and 1,000 tensions with 3 events each.
import { copyFileSync } from "node:fs";
import { Database, SYNCHRONOUS, openSqliteStorage, pair, steppingClock, compare } from "./harness.mjs";
import { rawDialogueSql } from "./dialogues.mjs";

/** The export under another dialogue id. */
function renamed(e, id) {
  const re = (x) => ({ ...x, dialogueId: id });
  return { ...e, dialogue: { ...e.dialogue, id }, perspectives: e.perspectives.map(re), tensions: e.tensions.map(re), links: [] };
}

export async function transferBench() {
  const clock = steppingClock();
  const { ours, rawFile } = await pair(clock);
  const d = ours.dialogues;
  await d.createDialogue({ id: "big", title: "A large dialogue", question: "How large?" });
  for (let i = 0; i < 1000; i++) {
    await d.registerPerspective({
      dialogueId: "big",
      id: `p${i}`,
      round: i % 10,
      expert: `expert${i % 7}`,
      label: `label ${i}`,
      content: `Perspective ${i}: `.repeat(8),
    });
    await d.registerTension({
      dialogueId: "big",
      id: `t${i}`,
      round: i % 10,
      expert: `expert${i % 7}`,
      label: `tension ${i}`,
      content: `Tension ${i}: `.repeat(8),
    });
    await d.updateTensionStatus({ dialogueId: "big", tensionId: `t${i}` }, "addressed", { actor: "a", note: "looked at" });
    await d.updateTensionStatus({ dialogueId: "big", tensionId: `t${i}` }, i % 2 ? "resolved" : "open", { actor: "b" });
  }
  const file = ours.file;
  await ours.close();
  copyFileSync(file, rawFile); // the raw side reads and writes the very same data
  const again = await openSqliteStorage({ path: file, synchronous: SYNCHRONOUS, clock });
  const raw = new Database(rawFile);
  raw.pragma("journal_mode = WAL");
  raw.pragma(`synchronous = ${SYNCHRONOUS}`);

  const q = {
    dialogue: raw.prepare("SELECT * FROM dialogues WHERE dialogue_id = ?"),
    perspectives: raw.prepare("SELECT item FROM perspectives WHERE dialogue_id = ? ORDER BY round, perspective_id").pluck(),
    tensions: raw.prepare("SELECT tension_id, item FROM tensions WHERE dialogue_id = ? ORDER BY round, tension_id"),
    events: raw.prepare("SELECT tension_id, item FROM tension_events WHERE dialogue_id = ? ORDER BY tension_id, seq"),
    links: raw.prepare(
      "SELECT * FROM links WHERE from_ref = @root OR (from_ref >= @lo AND from_ref < @hi) UNION SELECT * FROM links WHERE to_ref = @root OR (to_ref >= @lo AND to_ref < @hi) ORDER BY 1, 2, 3",
    ),
  };
  const rawExport = raw.transaction((id) => {
    const r = q.dialogue.get(id);
    const events = new Map();
    for (const e of q.events.all(id)) {
      if (!events.has(e.tension_id)) events.set(e.tension_id, []);
      events.get(e.tension_id).push(JSON.parse(e.item));
    }
    return {
      format: "blue.dialogue-export",
      version: 1,
      exportedAt: clock().toISOString(),
      dialogue: {
        id: r.dialogue_id,
        title: r.title,
        question: r.question,
        status: r.status,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      },
      perspectives: q.perspectives.all(id).map((p) => JSON.parse(p)),
      tensions: q.tensions.all(id).map((t) => ({ ...JSON.parse(t.item), events: events.get(t.tension_id) })),
      links: q.links.all({ root: `dialogue:${id}`, lo: `dialogue:${id}/`, hi: `dialogue:${id}0` }),
    };
  }).deferred;

  const rows = [];
  rows.push({
    name: "exportDialogue (1,000 p + 1,000 t × 3 events)",
    ...(await compare(
      5,
      () => again.dialogues.exportDialogue("big"),
      () => rawExport("big"),
    )),
    target: 2,
  });

  const sql = rawDialogueSql(raw);
  const rawImport = raw.transaction((e) => {
    const id = e.dialogue.id;
    const unresolved = e.tensions.filter((t) => t.status !== "resolved").length;
    sql.insertDialogue.run(
      id,
      e.dialogue.title,
      e.dialogue.createdAt,
      e.dialogue.updatedAt,
      e.perspectives.length,
      e.tensions.length,
      unresolved,
    );
    for (const p of e.perspectives) sql.insertPerspective.run(id, p.id, p.round, JSON.stringify(p));
    for (const { events, ...t } of e.tensions) {
      sql.insertTension.run(id, t.id, t.round, t.status, events.length, JSON.stringify(t));
      for (const ev of events) sql.insertEvent.run(id, t.id, ev.seq, JSON.stringify(ev));
    }
  }).immediate;
  const source = await again.dialogues.exportDialogue("big");
  const ROUNDS = 7;
  const PER = 4;
  const oursCopies = Array.from({ length: (ROUNDS + 1) * PER }, (_, i) => renamed(source, `ours${i}`));
  const rawCopies = Array.from({ length: (ROUNDS + 1) * PER }, (_, i) => renamed(source, `raw${i}`));
  let o = 0;
  let r = 0;
  rows.push({
    name: "importDialogue (same size, new id)",
    ...(await compare(
      PER,
      () => again.dialogues.importDialogue(oursCopies[o++]),
      () => rawImport(rawCopies[r++]),
      ROUNDS,
    )),
    target: 2,
  });
  await again.close();
  raw.close();
  return rows;
}
