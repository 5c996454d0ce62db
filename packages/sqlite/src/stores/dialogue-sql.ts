import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { Dialogue, DialogueStatus, DialogueSummary } from "@blue/store-core";

/** A row of the `dialogues` table. */
export interface DialogueRow {
  dialogue_id: string;
  title: string;
  question: string | null;
  status: DialogueStatus;
  created_at: string;
  updated_at: string;
  metadata: string | null;
  perspective_count: number;
  tension_count: number;
  unresolved_count: number;
}

/** The dialogue a row holds, with its fields in the order the core model builds them. */
export function toDialogue(r: DialogueRow): Dialogue {
  const d: Dialogue = { id: r.dialogue_id, title: r.title } as Dialogue;
  if (r.question !== null) d.question = r.question;
  d.status = r.status;
  d.createdAt = r.created_at;
  d.updatedAt = r.updated_at;
  if (r.metadata !== null) d.metadata = JSON.parse(r.metadata);
  return d;
}

export function toSummary(r: DialogueRow): DialogueSummary {
  return {
    id: r.dialogue_id,
    title: r.title,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    perspectiveCount: r.perspective_count,
    tensionCount: r.tension_count,
    unresolvedTensionCount: r.unresolved_count,
  };
}

/** The columns of a dialogue row, in insert order. */
export function dialogueValues(
  d: Dialogue,
  counts: { perspectiveCount: number; tensionCount: number; unresolvedTensionCount: number },
): Values {
  return [
    d.id,
    d.title,
    d.question ?? null,
    d.status,
    d.createdAt,
    d.updatedAt,
    d.metadata === undefined ? null : JSON.stringify(d.metadata),
    counts.perspectiveCount,
    counts.tensionCount,
    counts.unresolvedTensionCount,
  ];
}

type Values = [string, string, string | null, string, string, string, string | null, number, number, number];
type Id = [string];
type Listing = Statement<unknown[], DialogueRow>;

const ORDER = "ORDER BY updated_at DESC, dialogue_id ASC";
const AFTER = "(updated_at < @updatedAt OR (updated_at = @updatedAt AND dialogue_id > @id))";

/** Every statement of the dialogue store, prepared once per connection. */
export class DialogueStatements {
  readonly insertDialogue: Statement<Values>;
  readonly selectDialogue: Statement<Id, DialogueRow>;
  readonly dialogueExists: Statement<Id, number>;
  readonly updateDialogue: Statement<[string, string | null, string, string, string | null, string]>;
  readonly touchForPerspective: Statement<[string, string]>;
  readonly touchForTension: Statement<[number, string, string]>;
  readonly touchForStatus: Statement<[number, string, string]>;
  readonly insertPerspective: Statement<[string, string, number, string]>;
  readonly insertTension: Statement<[string, string, number, string, number, string]>;
  readonly insertEvent: Statement<[string, string, number, string]>;
  readonly selectTension: Statement<[string, string], { last_seq: number; item: string }>;
  readonly updateTension: Statement<[string, number, string, string, string]>;
  readonly perspectives: Statement<Id, string>;
  readonly tensions: Statement<Id, { tension_id: string; item: string }>;
  readonly events: Statement<Id, { tension_id: string; item: string }>;
  readonly deleteRows: Statement<Id>[];
  /** [all, by status] × [first page, after a cursor]; the limit is the last parameter. */
  readonly list: { all: Listing; status: Listing; allAfter: Listing; statusAfter: Listing };

  constructor(db: Database.Database) {
    this.insertDialogue = db.prepare(
      "INSERT INTO dialogues (dialogue_id, title, question, status, created_at, updated_at, metadata, perspective_count, tension_count, unresolved_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dialogue_id) DO NOTHING",
    );
    this.selectDialogue = db.prepare("SELECT * FROM dialogues WHERE dialogue_id = ?");
    this.dialogueExists = db.prepare<Id, number>("SELECT 1 FROM dialogues WHERE dialogue_id = ?").pluck();
    this.updateDialogue = db.prepare(
      "UPDATE dialogues SET title = ?, question = ?, status = ?, updated_at = ?, metadata = ? WHERE dialogue_id = ?",
    );
    this.touchForPerspective = db.prepare(
      "UPDATE dialogues SET perspective_count = perspective_count + 1, updated_at = max(updated_at, ?) WHERE dialogue_id = ?",
    );
    this.touchForTension = db.prepare(
      "UPDATE dialogues SET tension_count = tension_count + 1, unresolved_count = unresolved_count + ?, updated_at = max(updated_at, ?) WHERE dialogue_id = ?",
    );
    this.touchForStatus = db.prepare(
      "UPDATE dialogues SET unresolved_count = unresolved_count + ?, updated_at = max(updated_at, ?) WHERE dialogue_id = ?",
    );
    this.insertPerspective = db.prepare(
      "INSERT INTO perspectives (dialogue_id, perspective_id, round, item) VALUES (?, ?, ?, ?) ON CONFLICT (dialogue_id, perspective_id) DO NOTHING",
    );
    this.insertTension = db.prepare(
      "INSERT INTO tensions (dialogue_id, tension_id, round, status, last_seq, item) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dialogue_id, tension_id) DO NOTHING",
    );
    this.insertEvent = db.prepare("INSERT INTO tension_events (dialogue_id, tension_id, seq, item) VALUES (?, ?, ?, ?)");
    this.selectTension = db.prepare("SELECT last_seq, item FROM tensions WHERE dialogue_id = ? AND tension_id = ?");
    this.updateTension = db.prepare("UPDATE tensions SET status = ?, last_seq = ?, item = ? WHERE dialogue_id = ? AND tension_id = ?");
    this.perspectives = db
      .prepare<Id, string>("SELECT item FROM perspectives WHERE dialogue_id = ? ORDER BY round, perspective_id")
      .pluck();
    this.tensions = db.prepare("SELECT tension_id, item FROM tensions WHERE dialogue_id = ? ORDER BY round, tension_id");
    this.events = db.prepare("SELECT tension_id, item FROM tension_events WHERE dialogue_id = ? ORDER BY tension_id, seq");
    this.deleteRows = ["dialogues", "perspectives", "tensions", "tension_events"].map((t) =>
      db.prepare(`DELETE FROM ${t} WHERE dialogue_id = ?`),
    );
    this.list = {
      all: db.prepare(`SELECT * FROM dialogues ${ORDER} LIMIT @limit`),
      status: db.prepare(`SELECT * FROM dialogues WHERE status = @status ${ORDER} LIMIT @limit`),
      allAfter: db.prepare(`SELECT * FROM dialogues WHERE ${AFTER} ${ORDER} LIMIT @limit`),
      statusAfter: db.prepare(`SELECT * FROM dialogues WHERE status = @status AND ${AFTER} ${ORDER} LIMIT @limit`),
    };
  }
}
