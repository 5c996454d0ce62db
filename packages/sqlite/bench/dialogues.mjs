// registerPerspective and updateTensionStatus: the backend beside raw statements doing the same work.
import { pair, steppingClock, compare } from "./harness.mjs";

const AT = "2026-02-02T10:00:00.000Z";

/** The raw side's dialogue statements (the same SQL the backend runs). */
export function rawDialogueSql(raw) {
  return {
    insertDialogue: raw.prepare(
      "INSERT INTO dialogues (dialogue_id, title, question, status, created_at, updated_at, metadata, perspective_count, tension_count, unresolved_count) VALUES (?, ?, NULL, 'open', ?, ?, NULL, ?, ?, ?)",
    ),
    touchForPerspective: raw.prepare(
      "UPDATE dialogues SET perspective_count = perspective_count + 1, updated_at = max(updated_at, ?) WHERE dialogue_id = ?",
    ),
    insertPerspective: raw.prepare(
      "INSERT INTO perspectives (dialogue_id, perspective_id, round, item) VALUES (?, ?, ?, ?) ON CONFLICT (dialogue_id, perspective_id) DO NOTHING",
    ),
    touchForTension: raw.prepare(
      "UPDATE dialogues SET tension_count = tension_count + 1, unresolved_count = unresolved_count + ?, updated_at = max(updated_at, ?) WHERE dialogue_id = ?",
    ),
    insertTension: raw.prepare(
      "INSERT INTO tensions (dialogue_id, tension_id, round, status, last_seq, item) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dialogue_id, tension_id) DO NOTHING",
    ),
    insertEvent: raw.prepare("INSERT INTO tension_events (dialogue_id, tension_id, seq, item) VALUES (?, ?, ?, ?)"),
    selectTension: raw.prepare("SELECT last_seq, item FROM tensions WHERE dialogue_id = ? AND tension_id = ?"),
    updateTension: raw.prepare("UPDATE tensions SET status = ?, last_seq = ?, item = ? WHERE dialogue_id = ? AND tension_id = ?"),
    touchForStatus: raw.prepare(
      "UPDATE dialogues SET unresolved_count = unresolved_count + ?, updated_at = max(updated_at, ?) WHERE dialogue_id = ?",
    ),
  };
}

export async function dialogueBench() {
  const clock = steppingClock();
  const { ours, raw } = await pair(clock);
  const sql = rawDialogueSql(raw);
  await ours.dialogues.createDialogue({ id: "bench", title: "bench" });
  sql.insertDialogue.run("bench", "bench", AT, AT, 0, 0, 0);

  const register = raw.transaction((p) => {
    if (sql.touchForPerspective.run(p.createdAt, p.dialogueId).changes === 0) throw new Error("dialogue not found");
    if (sql.insertPerspective.run(p.dialogueId, p.id, p.round, JSON.stringify(p)).changes === 0) throw new Error("perspective exists");
  }).immediate;
  let ourN = 0;
  let rawN = 0;
  const perspective = (n) => ({
    dialogueId: "bench",
    id: `p${n}`,
    round: n % 5,
    expert: "expert",
    label: "label",
    content: "A perspective of modest length.",
  });
  const rows = [];
  rows.push({
    name: "registerPerspective",
    ...(await compare(
      5000,
      () => ours.dialogues.registerPerspective(perspective(ourN++)),
      () => register({ ...perspective(rawN++), createdAt: clock().toISOString() }),
    )),
    target: 1.5,
  });

  for (let t = 0; t < 100; t++) {
    await ours.dialogues.registerTension({ dialogueId: "bench", id: `t${t}`, round: 0, expert: "e", label: "l", content: "c" });
    const tension = {
      dialogueId: "bench",
      id: `t${t}`,
      round: 0,
      expert: "e",
      label: "l",
      content: "c",
      status: "open",
      createdAt: AT,
      updatedAt: AT,
    };
    sql.touchForTension.run(1, AT, "bench");
    sql.insertTension.run("bench", tension.id, 0, "open", 1, JSON.stringify(tension));
    sql.insertEvent.run("bench", tension.id, 1, JSON.stringify({ seq: 1, status: "open", at: AT, round: 0, actor: "e" }));
  }
  const status = raw.transaction((d, t, next, note) => {
    const row = sql.selectTension.get(d, t);
    if (row === undefined) throw new Error("tension not found");
    const current = JSON.parse(row.item);
    const at = clock().toISOString();
    const event = { seq: row.last_seq + 1, status: next, at, note };
    const tension = { ...current, status: next, updatedAt: at > current.updatedAt ? at : current.updatedAt };
    sql.updateTension.run(next, event.seq, JSON.stringify(tension), d, t);
    sql.insertEvent.run(d, t, event.seq, JSON.stringify(event));
    sql.touchForStatus.run((next !== "resolved" ? 1 : 0) - (current.status !== "resolved" ? 1 : 0), at, d);
    return tension;
  }).immediate;
  const next = (i) => (i % 3 === 0 ? "resolved" : i % 3 === 1 ? "open" : "addressed");
  rows.push({
    name: "updateTensionStatus",
    ...(await compare(
      5000,
      (i) => ours.dialogues.updateTensionStatus({ dialogueId: "bench", tensionId: `t${i % 100}` }, next(i), { note: "n" }),
      (i) => status("bench", `t${i % 100}`, next(i), "n"),
    )),
    target: 1.5,
  });
  await ours.close();
  raw.close();
  return rows;
}
