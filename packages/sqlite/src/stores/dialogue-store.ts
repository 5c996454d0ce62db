import { METHOD_OPTIONS, checkOptions } from "@blue/store-core/engine";
import {
  iterateDialoguePages,
  alreadyExists,
  notFound,
  applyDialoguePatch,
  applyStatusChange,
  assertDialogueStatus,
  assertId,
  buildDialogue,
  buildPerspective,
  buildTension,
  decodeDialogueCursor,
  dialogueRef,
  encodeDialogueCursor,
  pageLimit,
  unresolvedDelta,
  validateDialogueExport,
  validateDialoguePatch,
  validateStatusChange,
  importConflictPolicy,
  type StatusChangeRequest,
} from "@blue/store-core/engine";
import type {
  Dialogue,
  DialogueExport,
  DialoguePatch,
  DialogueStatus,
  DialogueStore,
  DialogueSummary,
  ImportConflictPolicy,
  NewDialogue,
  NewPerspective,
  NewTension,
  Page,
  PageRequest,
  Perspective,
  Tension,
  TensionEvent,
  TensionEventInput,
  TensionId,
  TensionStatus,
} from "@blue/store-core";
import type { SqliteConnection } from "../database/connection";
import type { SqliteLinkStore } from "./link-store";
import { DialogueStatements, dialogueValues, toDialogue, toSummary } from "./dialogue-sql";
import { readExport, writeImport } from "./dialogue-transfer";

/**
 * Dialogues, perspectives, tensions and their events on SQLite. Every row is keyed by its
 * dialogue id first; each method is one range read or one IMMEDIATE transaction.
 */
export class SqliteDialogueStore implements DialogueStore {
  private readonly st: DialogueStatements;
  private readonly registerPerspectiveTx: (p: Perspective) => void;
  private readonly registerTensionTx: (t: { tension: Tension; event: TensionEvent }) => void;
  private readonly updateDialogueTx: (id: string, patch: DialoguePatch) => Dialogue;
  private readonly deleteDialogueTx: (id: string) => boolean;
  private readonly statusTx: (r: StatusChangeRequest) => Tension;
  private readonly exportTx: (id: string) => DialogueExport;
  private readonly importTx: (e: DialogueExport, policy: ImportConflictPolicy) => void;

  constructor(
    private readonly sql: SqliteConnection,
    private readonly links: SqliteLinkStore,
  ) {
    const st = (this.st = new DialogueStatements(sql.db));
    const ctx = sql.ctx;
    this.registerPerspectiveTx = sql.writer((perspective: Perspective) => {
      const { dialogueId: d, id } = perspective;
      if (st.touchForPerspective.run(perspective.createdAt, d).changes === 0) throw notFound("dialogue", { dialogueId: d });
      if (st.insertPerspective.run(d, id, perspective.round, JSON.stringify(perspective)).changes === 0) {
        throw alreadyExists("perspective", { dialogueId: d, perspectiveId: id });
      }
    });
    this.registerTensionTx = sql.writer(({ tension, event }: { tension: Tension; event: TensionEvent }) => {
      const { dialogueId: d, id } = tension;
      if (st.touchForTension.run(unresolvedDelta(undefined, tension.status), tension.createdAt, d).changes === 0)
        throw notFound("dialogue", { dialogueId: d });
      if (st.insertTension.run(d, id, tension.round, tension.status, 1, JSON.stringify(tension)).changes === 0) {
        throw alreadyExists("tension", { dialogueId: d, tensionId: id });
      }
      st.insertEvent.run(d, id, 1, JSON.stringify(event));
    });
    this.updateDialogueTx = sql.writer((id: string, patch: DialoguePatch) => {
      const row = st.selectDialogue.get(id);
      if (row === undefined) throw notFound("dialogue", { dialogueId: id });
      const next = applyDialoguePatch(toDialogue(row), patch, ctx);
      const metadata = next.metadata === undefined ? null : JSON.stringify(next.metadata);
      st.updateDialogue.run(next.title, next.question ?? null, next.status, next.updatedAt, metadata, id);
      return next;
    });
    this.deleteDialogueTx = sql.writer((id: string) => {
      if (st.dialogueExists.get(id) === undefined) return false;
      for (const del of st.deleteRows) del.run(id);
      this.links.removeWithin(dialogueRef(id));
      return true;
    });
    this.statusTx = sql.writer((r: StatusChangeRequest) => {
      const { dialogueId: d, tensionId: t } = r.id;
      const row = st.selectTension.get(d, t);
      if (row === undefined) {
        if (st.dialogueExists.get(d) === undefined) throw notFound("dialogue", { dialogueId: d });
        throw notFound("tension", { dialogueId: d, tensionId: t });
      }
      const current = JSON.parse(row.item) as Tension;
      const change = applyStatusChange(current, row.last_seq, r, ctx);
      st.updateTension.run(change.tension.status, change.event.seq, JSON.stringify(change.tension), d, t);
      st.insertEvent.run(d, t, change.event.seq, JSON.stringify(change.event));
      st.touchForStatus.run(unresolvedDelta(current.status, change.tension.status), change.event.at, d);
      return change.tension;
    });
    this.exportTx = sql.reader((id: string) => readExport(st, links, id, ctx));
    this.importTx = sql.writer((e: DialogueExport, policy: ImportConflictPolicy) => writeImport(st, links, e, policy));
  }

  async createDialogue(d: NewDialogue): Promise<string> {
    return this.sql.run("createDialogue", () => {
      const dialogue = buildDialogue(d, this.sql.ctx);
      const counts = { perspectiveCount: 0, tensionCount: 0, unresolvedTensionCount: 0 };
      if (this.st.insertDialogue.run(...dialogueValues(dialogue, counts)).changes === 0) {
        throw alreadyExists("dialogue", { dialogueId: dialogue.id });
      }
      return dialogue.id;
    });
  }

  async getDialogue(id: string): Promise<Dialogue | null> {
    return this.sql.run("getDialogue", () => {
      const row = this.st.selectDialogue.get(assertId(id, "id"));
      return row === undefined ? null : toDialogue(row);
    });
  }

  async updateDialogue(id: string, patch: DialoguePatch): Promise<Dialogue> {
    return this.sql.run("updateDialogue", () => {
      assertId(id, "id");
      return this.updateDialogueTx(id, validateDialoguePatch(patch));
    });
  }

  async deleteDialogue(id: string): Promise<boolean> {
    return this.sql.run("deleteDialogue", () => this.deleteDialogueTx(assertId(id, "id")));
  }

  async registerPerspective(p: NewPerspective): Promise<void> {
    return this.sql.run("registerPerspective", () => this.registerPerspectiveTx(buildPerspective(p, this.sql.ctx)));
  }

  async registerTension(t: NewTension): Promise<void> {
    return this.sql.run("registerTension", () => this.registerTensionTx(buildTension(t, this.sql.ctx)));
  }

  async updateTensionStatus(
    id: TensionId,
    status: TensionStatus,
    event: TensionEventInput,
    options?: { ifStatus?: TensionStatus },
  ): Promise<Tension> {
    return this.sql.run("updateTensionStatus", () => this.statusTx(validateStatusChange(id, status, event, options)));
  }

  async exportDialogue(id: string): Promise<DialogueExport> {
    return this.sql.run("exportDialogue", () => this.exportTx(assertId(id, "id")));
  }

  async importDialogue(e: DialogueExport, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    return this.sql.run("importDialogue", () => {
      const policy = importConflictPolicy(options);
      this.importTx(validateDialogueExport(e), policy);
    });
  }

  async listDialogues(status?: DialogueStatus): Promise<DialogueSummary[]> {
    return this.sql.run("listDialogues", () => {
      if (status !== undefined) assertDialogueStatus(status);
      return this.list(status, undefined, -1).map(toSummary);
    });
  }

  async listDialoguesPage(q: PageRequest & { status?: DialogueStatus }): Promise<Page<DialogueSummary>> {
    return this.sql.run("listDialoguesPage", () => {
      const query = checkOptions(METHOD_OPTIONS.listDialoguesPage, q);
      const status = query.status;
      const limit = pageLimit(query.limit);
      const after = decodeDialogueCursor(status, query.cursor);
      const rows = this.list(status, after, limit + 1);
      const items = rows.slice(0, limit).map(toSummary);
      return rows.length > limit ? { items, cursor: encodeDialogueCursor(status, items[items.length - 1]!) } : { items };
    });
  }

  private list(status: DialogueStatus | undefined, after: { updatedAt: string; id: string } | undefined, limit: number) {
    const l = this.st.list;
    if (after === undefined) return status === undefined ? l.all.all({ limit }) : l.status.all({ status, limit });
    const { updatedAt, id } = after;
    return status === undefined ? l.allAfter.all({ updatedAt, id, limit }) : l.statusAfter.all({ status, updatedAt, id, limit });
  }

  /** The same order as `listDialogues`, a page at a time (core's `iterateDialoguePages`). */
  iterateDialogues(...args: Parameters<DialogueStore["iterateDialogues"]>): ReturnType<DialogueStore["iterateDialogues"]> {
    return iterateDialoguePages(this, ...args);
  }
}
