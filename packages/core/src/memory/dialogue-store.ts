import { iterateDialoguePages } from "../model/iterate";
import { alreadyExists, notFound } from "../errors/factories";
import type {
  Dialogue,
  DialogueExport,
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
import type { DialogueStore, ImportConflictPolicy, Page, PageRequest } from "../types/stores";
import type { ModelContext } from "../model/context";
import {
  applyDialoguePatch,
  applyStatusChange,
  assertDialogueStatus,
  buildDialogue,
  buildPerspective,
  buildTension,
  compareByRoundAndId,
  compareSummaries,
  summarizeDialogue,
  unresolvedDelta,
  validateDialoguePatch,
  validateStatusChange,
  type DialogueCounts,
} from "../model/dialogues";
import { exportCounts, validateDialogueExport } from "../model/export";
import { compareLinksForExport } from "../model/links";
import { decodeDialogueCursor, encodeDialogueCursor, pageOf } from "../model/paging";
import { assertId, laterTimestamp, pageLimit } from "../validation/scalars";
import { checkOptions } from "../validation/options";
import { METHOD_OPTIONS } from "../model/options";
import { importConflictPolicy } from "../model/import-policy";
import { dialogueRef } from "../validation/entity-refs";
import type { MemoryLinkStore } from "./link-store";
import { clone, type Lifecycle } from "./state";

interface DialogueRecord {
  dialogue: Dialogue;
  counts: DialogueCounts;
  perspectives: Map<string, Perspective>;
  tensions: Map<string, { tension: Tension; events: TensionEvent[] }>;
}

/** The memory backend's dialogue store: the reference semantics of the contract. */
export class MemoryDialogueStore implements DialogueStore {
  private readonly records = new Map<string, DialogueRecord>();

  constructor(
    private readonly life: Lifecycle,
    private readonly ctx: ModelContext,
    private readonly links: MemoryLinkStore,
  ) {}

  private record(id: string): DialogueRecord {
    const r = this.records.get(id);
    if (!r) throw notFound("dialogue", { dialogueId: id });
    return r;
  }

  async createDialogue(d: NewDialogue): Promise<string> {
    this.life.check();
    const dialogue = buildDialogue(d, this.ctx);
    if (this.records.has(dialogue.id)) {
      throw alreadyExists("dialogue", { dialogueId: dialogue.id });
    }
    this.records.set(dialogue.id, {
      dialogue,
      counts: { perspectiveCount: 0, tensionCount: 0, unresolvedTensionCount: 0 },
      perspectives: new Map(),
      tensions: new Map(),
    });
    return dialogue.id;
  }

  async getDialogue(id: string): Promise<Dialogue | null> {
    this.life.check();
    assertId(id, "id");
    const r = this.records.get(id);
    return r ? clone(r.dialogue) : null;
  }

  async updateDialogue(id: string, patch: DialoguePatch): Promise<Dialogue> {
    this.life.check();
    assertId(id, "id");
    const checked = validateDialoguePatch(patch);
    const r = this.record(id);
    r.dialogue = applyDialoguePatch(r.dialogue, checked, this.ctx);
    return clone(r.dialogue);
  }

  async deleteDialogue(id: string): Promise<boolean> {
    this.life.check();
    assertId(id, "id");
    if (!this.records.delete(id)) return false;
    this.links.removeWithin(dialogueRef(id));
    return true;
  }

  async registerPerspective(p: NewPerspective): Promise<void> {
    this.life.check();
    const perspective = buildPerspective(p, this.ctx);
    const r = this.record(perspective.dialogueId);
    if (r.perspectives.has(perspective.id)) {
      throw alreadyExists("perspective", { dialogueId: perspective.dialogueId, perspectiveId: perspective.id });
    }
    r.perspectives.set(perspective.id, perspective);
    r.counts.perspectiveCount++;
    r.dialogue.updatedAt = laterTimestamp(r.dialogue.updatedAt, perspective.createdAt);
  }

  async registerTension(t: NewTension): Promise<void> {
    this.life.check();
    const { tension, event } = buildTension(t, this.ctx);
    const r = this.record(tension.dialogueId);
    if (r.tensions.has(tension.id)) {
      throw alreadyExists("tension", { dialogueId: tension.dialogueId, tensionId: tension.id });
    }
    r.tensions.set(tension.id, { tension, events: [event] });
    r.counts.tensionCount++;
    r.counts.unresolvedTensionCount += unresolvedDelta(undefined, tension.status);
    r.dialogue.updatedAt = laterTimestamp(r.dialogue.updatedAt, tension.createdAt);
  }

  async updateTensionStatus(
    id: TensionId,
    status: TensionStatus,
    event: TensionEventInput,
    options?: { ifStatus?: TensionStatus },
  ): Promise<Tension> {
    this.life.check();
    const request = validateStatusChange(id, status, event, options);
    const r = this.record(request.id.dialogueId);
    const entry = r.tensions.get(request.id.tensionId);
    if (!entry) throw notFound("tension", request.id);
    const change = applyStatusChange(entry.tension, entry.events.length, request, this.ctx);
    r.counts.unresolvedTensionCount += unresolvedDelta(entry.tension.status, change.tension.status);
    entry.tension = change.tension;
    entry.events.push(change.event);
    r.dialogue.updatedAt = laterTimestamp(r.dialogue.updatedAt, change.event.at);
    return clone(change.tension);
  }

  async exportDialogue(id: string): Promise<DialogueExport> {
    this.life.check();
    assertId(id, "id");
    const r = this.record(id);
    return clone({
      format: "blue.dialogue-export",
      version: 1,
      exportedAt: this.ctx.now(),
      dialogue: r.dialogue,
      perspectives: [...r.perspectives.values()].sort(compareByRoundAndId),
      tensions: [...r.tensions.values()].map(({ tension, events }) => ({ ...tension, events })).sort(compareByRoundAndId),
      links: this.links.within(dialogueRef(id)).sort(compareLinksForExport),
    });
  }

  async importDialogue(e: DialogueExport, options?: { onConflict?: ImportConflictPolicy }): Promise<void> {
    this.life.check();
    const policy = importConflictPolicy(options);
    const data = validateDialogueExport(e);
    const id = data.dialogue.id;
    if (this.records.has(id)) {
      if (policy === "skip") return;
      if (policy === "fail") throw alreadyExists("dialogue", { dialogueId: id });
      this.records.delete(id);
      this.links.removeWithin(dialogueRef(id));
    }
    this.records.set(id, {
      dialogue: data.dialogue,
      counts: exportCounts(data),
      perspectives: new Map(data.perspectives.map((p) => [p.id, p])),
      tensions: new Map(data.tensions.map(({ events, ...tension }) => [tension.id, { tension, events }])),
    });
    for (const link of data.links) this.links.put(link);
  }

  private sortedSummaries(status: DialogueStatus | undefined): DialogueSummary[] {
    const out: DialogueSummary[] = [];
    for (const r of this.records.values()) {
      if (status === undefined || r.dialogue.status === status) out.push(summarizeDialogue(r.dialogue, r.counts));
    }
    return out.sort(compareSummaries);
  }

  async listDialogues(status?: DialogueStatus): Promise<DialogueSummary[]> {
    this.life.check();
    if (status !== undefined) assertDialogueStatus(status);
    return this.sortedSummaries(status);
  }

  async listDialoguesPage(q: PageRequest & { status?: DialogueStatus }): Promise<Page<DialogueSummary>> {
    this.life.check();
    const query = checkOptions(METHOD_OPTIONS.listDialoguesPage, q);
    const status = query.status;
    const limit = pageLimit(query.limit);
    const after = decodeDialogueCursor(status, query.cursor);
    return pageOf(
      this.sortedSummaries(status),
      limit,
      after,
      (s, pos) => compareSummaries(s, pos) > 0,
      (last) => encodeDialogueCursor(status, last),
    );
  }

  /** The same order as `listDialogues`, a page at a time (core's `iterateDialoguePages`). */
  iterateDialogues(...args: Parameters<DialogueStore["iterateDialogues"]>): ReturnType<DialogueStore["iterateDialogues"]> {
    return iterateDialoguePages(this, ...args);
  }
}
