import {
  METHOD_OPTIONS,
  checkOptions,
  iterateDialoguePages,
  applyDialoguePatch,
  applyStatusChange,
  assertDialogueStatus,
  assertId,
  buildDialogue,
  buildPerspective,
  buildTension,
  compareByRoundAndId,
  compareLinksForExport,
  compareSummaries,
  decodeDialogueCursor,
  dialogueRef,
  encodeDialogueCursor,
  laterTimestamp,
  pageLimit,
  pageOf,
  summarizeDialogue,
  unresolvedDelta,
  validateDialogueExport,
  validateDialoguePatch,
  validateStatusChange,
  importConflictPolicy,
  alreadyExists,
  notFound,
  type ModelContext,
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
  Tension,
  TensionEventInput,
  TensionId,
  TensionStatus,
} from "@blue/store-core";
import type { FileEngine } from "./file-engine";
import { linksWithin, putLink, removeLinksWithin } from "./links";
import { copy, type DialogueRecord, type State } from "./state";

function record(state: State, id: string): DialogueRecord {
  const r = state.dialogues[id];
  if (!r) throw notFound("dialogue", { dialogueId: id });
  return r;
}

function summary(r: DialogueRecord): DialogueSummary {
  const tensions = Object.values(r.tensions);
  return summarizeDialogue(r.dialogue, {
    perspectiveCount: Object.keys(r.perspectives).length,
    tensionCount: tensions.length,
    unresolvedTensionCount: tensions.reduce((n, t) => n + unresolvedDelta(undefined, t.tension.status), 0),
  });
}

function sortedSummaries(state: State, status: DialogueStatus | undefined): DialogueSummary[] {
  return Object.values(state.dialogues)
    .filter((r) => status === undefined || r.dialogue.status === status)
    .map(summary)
    .sort(compareSummaries);
}

/**
 * Dialogues on the file engine. Each method follows the reference order: CLOSED, then input
 * validation (core's model functions), then existence, then conditions; reads return copies.
 */
export class FileDialogueStore implements DialogueStore {
  constructor(
    private readonly engine: FileEngine,
    private readonly ctx: ModelContext,
  ) {}

  async createDialogue(d: NewDialogue): Promise<string> {
    this.engine.checkOpen();
    const dialogue = buildDialogue(d, this.ctx);
    return this.engine.write((s) => {
      if (s.dialogues[dialogue.id]) throw alreadyExists("dialogue", { dialogueId: dialogue.id });
      s.dialogues[dialogue.id] = { dialogue, perspectives: {}, tensions: {} };
      return dialogue.id;
    });
  }

  async getDialogue(id: string): Promise<Dialogue | null> {
    this.engine.checkOpen();
    assertId(id, "id");
    return this.engine.read((s) => (s.dialogues[id] ? copy(s.dialogues[id]!.dialogue) : null));
  }

  async updateDialogue(id: string, patch: DialoguePatch): Promise<Dialogue> {
    this.engine.checkOpen();
    assertId(id, "id");
    const checked = validateDialoguePatch(patch);
    return this.engine.write((s) => {
      const r = record(s, id);
      r.dialogue = applyDialoguePatch(r.dialogue, checked, this.ctx);
      return copy(r.dialogue);
    });
  }

  async deleteDialogue(id: string): Promise<boolean> {
    this.engine.checkOpen();
    assertId(id, "id");
    return this.engine.write((s) => {
      if (!s.dialogues[id]) return false;
      delete s.dialogues[id];
      removeLinksWithin(s, dialogueRef(id));
      return true;
    });
  }

  async registerPerspective(p: NewPerspective): Promise<void> {
    this.engine.checkOpen();
    const perspective = buildPerspective(p, this.ctx);
    return this.engine.write((s) => {
      const r = record(s, perspective.dialogueId);
      if (r.perspectives[perspective.id])
        throw alreadyExists("perspective", { dialogueId: perspective.dialogueId, perspectiveId: perspective.id });
      r.perspectives[perspective.id] = perspective;
      r.dialogue.updatedAt = laterTimestamp(r.dialogue.updatedAt, perspective.createdAt);
    });
  }

  async registerTension(t: NewTension): Promise<void> {
    this.engine.checkOpen();
    const { tension, event } = buildTension(t, this.ctx);
    return this.engine.write((s) => {
      const r = record(s, tension.dialogueId);
      if (r.tensions[tension.id]) throw alreadyExists("tension", { dialogueId: tension.dialogueId, tensionId: tension.id });
      r.tensions[tension.id] = { tension, events: [event] };
      r.dialogue.updatedAt = laterTimestamp(r.dialogue.updatedAt, tension.createdAt);
    });
  }

  async updateTensionStatus(
    id: TensionId,
    status: TensionStatus,
    event: TensionEventInput,
    options?: { ifStatus?: TensionStatus },
  ): Promise<Tension> {
    this.engine.checkOpen();
    const request = validateStatusChange(id, status, event, options);
    return this.engine.write((s) => {
      const r = record(s, request.id.dialogueId);
      const entry = r.tensions[request.id.tensionId];
      if (!entry) throw notFound("tension", request.id);
      const change = applyStatusChange(entry.tension, entry.events.length, request, this.ctx);
      entry.tension = change.tension;
      entry.events.push(change.event);
      r.dialogue.updatedAt = laterTimestamp(r.dialogue.updatedAt, change.event.at);
      return copy(change.tension);
    });
  }

  async exportDialogue(id: string): Promise<DialogueExport> {
    this.engine.checkOpen();
    assertId(id, "id");
    return this.engine.read((s) => {
      const r = record(s, id);
      return copy<DialogueExport>({
        format: "blue.dialogue-export",
        version: 1,
        exportedAt: this.ctx.now(),
        dialogue: r.dialogue,
        perspectives: Object.values(r.perspectives).sort(compareByRoundAndId),
        tensions: Object.values(r.tensions)
          .map(({ tension, events }) => ({ ...tension, events }))
          .sort(compareByRoundAndId),
        links: linksWithin(s, dialogueRef(id)).sort(compareLinksForExport),
      });
    });
  }

  async importDialogue(e: DialogueExport, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    this.engine.checkOpen();
    const policy = importConflictPolicy(options);
    const data = validateDialogueExport(e);
    const id = data.dialogue.id;
    return this.engine.write((s) => {
      if (s.dialogues[id]) {
        if (policy === "skip") return;
        if (policy === "fail") throw alreadyExists("dialogue", { dialogueId: id });
        removeLinksWithin(s, dialogueRef(id));
      }
      s.dialogues[id] = {
        dialogue: data.dialogue,
        perspectives: Object.fromEntries(data.perspectives.map((p) => [p.id, p])),
        tensions: Object.fromEntries(data.tensions.map(({ events, ...tension }) => [tension.id, { tension, events }])),
      };
      for (const link of data.links) putLink(s, link);
    });
  }

  async listDialogues(status?: DialogueStatus): Promise<DialogueSummary[]> {
    this.engine.checkOpen();
    if (status !== undefined) assertDialogueStatus(status);
    return this.engine.read((s) => sortedSummaries(s, status));
  }

  async listDialoguesPage(q: PageRequest & { status?: DialogueStatus }): Promise<Page<DialogueSummary>> {
    this.engine.checkOpen();
    const query = checkOptions(METHOD_OPTIONS.listDialoguesPage, q);
    const status = query.status;
    const limit = pageLimit(query.limit);
    const after = decodeDialogueCursor(status, query.cursor);
    return this.engine.read((s) =>
      pageOf(
        sortedSummaries(s, status),
        limit,
        after,
        (x, pos) => compareSummaries(x, pos) > 0,
        (last) => encodeDialogueCursor(status, last),
      ),
    );
  }

  /** The same order as `listDialogues`, a page at a time (core's `iterateDialoguePages`). */
  iterateDialogues(...args: Parameters<DialogueStore["iterateDialogues"]>): ReturnType<DialogueStore["iterateDialogues"]> {
    return iterateDialoguePages(this, ...args);
  }
}
