import * as fc from "fast-check";
import { isStoreError } from "../../errors";
import type { DialogueStatus, TensionStatus } from "../../types/entities";
import type { StorageBackend } from "../../types/stores";
import { storeOf } from "./generic";

/**
 * The commands of the model-based cases, as plain data (so fast-check can print and shrink
 * them), and their execution against a backend. Document ids are addressed by creation index,
 * so a backend may number documents differently from the model.
 */
export type Command =
  | { t: "tick"; ms: number }
  | { t: "createDialogue"; id: string; title: string; status?: DialogueStatus; question?: string }
  | {
      t: "updateDialogue";
      id: string;
      patch: { title?: string; status?: DialogueStatus; question?: string | null; metadata?: { n: number } | null };
    }
  | { t: "deleteDialogue" | "getDialogue" | "exportDialogue"; id: string }
  | { t: "reimport"; id: string; onConflict: "fail" | "skip" | "replace" }
  | { t: "registerPerspective"; d: string; id: string; round: number }
  | { t: "registerTension"; d: string; id: string; round: number; status?: TensionStatus }
  | { t: "updateTensionStatus"; d: string; id: string; status: TensionStatus; ifStatus?: TensionStatus; note?: string }
  | { t: "listDialogues"; status?: DialogueStatus }
  | { t: "listDialoguesPage"; status?: DialogueStatus; limit: number }
  | { t: "addDocument"; title: string; body: string; kind?: string }
  | { t: "updateDocument"; idx: number; title?: string; body?: string; kind?: string | null }
  | { t: "deleteDocument" | "getDocument"; idx: number }
  | { t: "importDocument"; id: number; title: string; body: string; onConflict: "fail" | "skip" | "replace" }
  | { t: "search"; q: string; limit?: number }
  | { t: "listDocumentsPage"; limit: number }
  | { t: "addLink"; from: string; to: string; kind: string; w?: number }
  | { t: "removeLink"; from: string; to: string; kind: string }
  | { t: "linksFrom" | "linksTo"; ref: string; kind?: string }
  | { t: "listLinksPage"; limit: number }
  | { t: "put"; store: string; pk: string; sk: string; v: number; ifNotExists: boolean; ttl?: number }
  | { t: "getMany" | "deleteMany"; store: string; keys: Array<[string, string]> }
  | { t: "putMany"; store: string; items: Array<[string, string, number]>; ttl?: number }
  | { t: "transact"; store: string; ops: Array<{ op: "put" | "delete" | "check"; pk: string; sk: string; v: number; cond: boolean }> }
  | { t: "iterate"; store: string; pk: string; prefix: string; pageSize: number; reverse: boolean }
  | { t: "get" | "delete"; store: string; pk: string; sk: string }
  | { t: "query" | "queryPage"; store: string; pk: string; prefix: string; limit?: number; reverse: boolean };

const dIds = fc.constantFrom("a", "ab", "B");
const eIds = fc.constantFrom("t1", "t2", "p1");
const dStatus = fc.constantFrom<DialogueStatus>("open", "converged", "abandoned");
const tStatus = fc.constantFrom<TensionStatus>("open", "addressed", "resolved");
const words = fc.constantFrom("alpha", "Beta", "gamma", "café", "CAFE", "δέλτα", "x", "1", "OR", "-x*", '"beta');
const text = fc.array(words, { maxLength: 6 }).map((w) => w.join(" "));
const refs = fc.constantFrom(
  "dialogue:a",
  "dialogue:a/tension:t1",
  "dialogue:ab",
  "dialogue:b/perspective:p1",
  "document:1",
  "document:2",
  "document:3",
  "document:1/part:x",
);
const kinds = fc.constantFrom("cites", "about", "Cites");
const keys = fc.constantFrom("k", "k#", "k#1", "k\u0000", "k😀", "k\uffff", "%", "/");
const pks = fc.constantFrom("k", "k#", "%");
const stores = fc.constantFrom("s1", "s2");
const limit = fc.integer({ min: 1, max: 4 });
const policy = fc.constantFrom<"fail" | "skip" | "replace">("fail", "skip", "replace");

export const dialogueCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ t: fc.constant("tick" as const), ms: fc.constantFrom(0, 1, 1000, -500) }),
  fc.record(
    {
      t: fc.constant("createDialogue" as const),
      id: dIds,
      title: words,
      status: fc.option(dStatus, { nil: undefined }),
      question: fc.option(words, { nil: undefined }),
    },
    { requiredKeys: ["t", "id", "title"] },
  ),
  fc.record({
    t: fc.constant("updateDialogue" as const),
    id: dIds,
    patch: fc.record(
      {
        title: words,
        status: dStatus,
        question: fc.option(words, { nil: null }),
        metadata: fc.option(fc.record({ n: fc.integer() }), { nil: null }),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({ t: fc.constantFrom("deleteDialogue" as const, "getDialogue" as const, "exportDialogue" as const), id: dIds }),
  fc.record({ t: fc.constant("reimport" as const), id: dIds, onConflict: policy }),
  fc.record({ t: fc.constant("registerPerspective" as const), d: dIds, id: eIds, round: fc.integer({ min: 0, max: 3 }) }),
  {
    weight: 2,
    arbitrary: fc.record(
      {
        t: fc.constant("registerTension" as const),
        d: dIds,
        id: eIds,
        round: fc.integer({ min: 0, max: 3 }),
        status: fc.option(tStatus, { nil: undefined }),
      },
      { requiredKeys: ["t", "d", "id", "round"] },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        t: fc.constant("updateTensionStatus" as const),
        d: dIds,
        id: eIds,
        status: tStatus,
        ifStatus: fc.option(tStatus, { nil: undefined, freq: 2 }),
        note: fc.option(words, { nil: undefined }),
      },
      { requiredKeys: ["t", "d", "id", "status"] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { t: fc.constant("listDialogues" as const), status: fc.option(dStatus, { nil: undefined }) },
      { requiredKeys: ["t"] },
    ),
  },
  fc.record(
    { t: fc.constant("listDialoguesPage" as const), status: fc.option(dStatus, { nil: undefined }), limit },
    { requiredKeys: ["t", "limit"] },
  ),
);

export const documentCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ t: fc.constant("tick" as const), ms: fc.constantFrom(0, 1, 1000) }),
  fc.record(
    { t: fc.constant("addDocument" as const), title: text, body: text, kind: fc.option(words, { nil: undefined }) },
    { requiredKeys: ["t", "title", "body"] },
  ),
  fc.record(
    { t: fc.constant("updateDocument" as const), idx: fc.nat(6), title: text, body: text, kind: fc.option(words, { nil: null }) },
    { requiredKeys: ["t", "idx"] },
  ),
  fc.record({ t: fc.constantFrom("deleteDocument" as const, "getDocument" as const), idx: fc.nat(6) }),
  fc.record({
    t: fc.constant("importDocument" as const),
    id: fc.integer({ min: 1000, max: 1003 }),
    title: text,
    body: text,
    onConflict: policy,
  }),
  {
    weight: 3,
    arbitrary: fc.record(
      { t: fc.constant("search" as const), q: text, limit: fc.option(limit, { nil: undefined }) },
      { requiredKeys: ["t", "q"] },
    ),
  },
  fc.record({ t: fc.constant("listDocumentsPage" as const), limit }),
);

export const linkCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ t: fc.constant("tick" as const), ms: fc.constantFrom(0, 1, 1000) }),
  fc.record(
    { t: fc.constant("addLink" as const), from: refs, to: refs, kind: kinds, w: fc.option(fc.integer(), { nil: undefined }) },
    { requiredKeys: ["t", "from", "to", "kind"] },
  ),
  fc.record({ t: fc.constant("removeLink" as const), from: refs, to: refs, kind: kinds }),
  {
    weight: 3,
    arbitrary: fc.record(
      { t: fc.constantFrom("linksFrom" as const, "linksTo" as const), ref: refs, kind: fc.option(kinds, { nil: undefined }) },
      { requiredKeys: ["t", "ref"] },
    ),
  },
  fc.record({ t: fc.constant("listLinksPage" as const), limit }),
  fc.record({ t: fc.constant("deleteDocument" as const), idx: fc.nat(3) }),
  fc.record({ t: fc.constant("addDocument" as const), title: text, body: text }),
  fc.record({ t: fc.constant("deleteDialogue" as const), id: dIds }),
);

const itemKey = fc.tuple(pks, keys);
const ttl = fc.option(fc.constantFrom(1, 2), { nil: undefined, freq: 3 });
const txOp = fc.record({
  op: fc.constantFrom("put" as const, "delete" as const, "check" as const),
  pk: pks,
  sk: keys,
  v: fc.integer(),
  cond: fc.boolean(),
});

export const storeCommand: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("put" as const), store: stores, pk: pks, sk: keys, v: fc.integer(), ifNotExists: fc.boolean() }),
  },
  fc.record({ t: fc.constantFrom("get" as const, "delete" as const), store: stores, pk: pks, sk: keys }),
  {
    weight: 2,
    arbitrary: fc.record(
      {
        t: fc.constantFrom("query" as const, "queryPage" as const),
        store: stores,
        pk: pks,
        prefix: fc.constantFrom("", "k", "k#", "k\u0000", "%"),
        limit: fc.option(limit, { nil: undefined }),
        reverse: fc.boolean(),
      },
      { requiredKeys: ["t", "store", "pk", "prefix", "reverse"] },
    ),
  },
);

/** The generic store with expiry, batches, transactions and iteration (a clock that moves). */
export const storeBatchCommand: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: storeCommand },
  fc.record({
    t: fc.constant("put" as const),
    store: stores,
    pk: pks,
    sk: keys,
    v: fc.integer(),
    ifNotExists: fc.boolean(),
    ttl: fc.constantFrom(1, 2),
  }),
  fc.record({ t: fc.constant("tick" as const), ms: fc.constantFrom(500, 1000) }),
  fc.record({ t: fc.constantFrom("getMany" as const, "deleteMany" as const), store: stores, keys: fc.array(itemKey, { maxLength: 5 }) }),
  fc.record(
    { t: fc.constant("putMany" as const), store: stores, items: fc.array(fc.tuple(pks, keys, fc.integer()), { maxLength: 5 }), ttl },
    { requiredKeys: ["t", "store", "items"] },
  ),
  { weight: 2, arbitrary: fc.record({ t: fc.constant("transact" as const), store: stores, ops: fc.array(txOp, { maxLength: 4 }) }) },
  fc.record({
    t: fc.constant("iterate" as const),
    store: stores,
    pk: pks,
    prefix: fc.constantFrom("", "k", "k#"),
    pageSize: limit,
    reverse: fc.boolean(),
  }),
);

/** Commands every run starts with, so random tails find populated state. */
export const SETUP: Record<"dialogues" | "documents" | "links" | "store", Command[]> = {
  dialogues: [
    { t: "createDialogue", id: "a", title: "alpha" },
    { t: "createDialogue", id: "ab", title: "beta", status: "converged" },
    { t: "registerTension", d: "a", id: "t1", round: 1 },
    { t: "registerTension", d: "ab", id: "t2", round: 0, status: "addressed" },
    { t: "registerPerspective", d: "a", id: "p1", round: 2 },
  ],
  documents: [
    { t: "addDocument", title: "alpha", body: "beta café gamma" },
    { t: "addDocument", title: "Beta", body: "alpha alpha x 1" },
    { t: "addDocument", title: "δέλτα", body: "CAFE gamma beta beta" },
  ],
  links: [
    { t: "addDocument", title: "one", body: "" },
    { t: "addDocument", title: "two", body: "" },
    { t: "addLink", from: "document:1", to: "dialogue:a", kind: "cites" },
    { t: "addLink", from: "dialogue:a/tension:t1", to: "document:2", kind: "about" },
  ],
  store: [
    { t: "put", store: "s1", pk: "k", sk: "k😀", v: 1, ifNotExists: false },
    { t: "put", store: "s1", pk: "k", sk: "k\uffff", v: 2, ifNotExists: false },
    { t: "put", store: "s2", pk: "k#", sk: "k", v: 3, ifNotExists: false },
  ],
};

/** What one command returned: a value, or a StoreError code (anything else is a leak). */
export type Outcome = { ok: unknown } | { error: string };

/** Per-run state of one backend: document ids by creation index (model-relative addressing). */
export class Runner {
  readonly docIds: number[] = [];
  constructor(readonly backend: StorageBackend) {}

  private docId(idx: number): number {
    return this.docIds.length === 0 ? 999_999 : this.docIds[idx % this.docIds.length]!;
  }

  /** `document:<n>` in a command means the n-th created document; imported ids stay as they are. */
  private ref(r: string): string {
    return r.replace(
      /^document:(\d+)/,
      (_, n: string) => `document:${Number(n) <= this.docIds.length ? this.docIds[Number(n) - 1] : Number(n) + 500_000}`,
    );
  }

  /** Maps this backend's document ids back to creation indexes, so two backends compare. */
  canon<T>(value: T): T {
    const index = new Map(this.docIds.map((id, i) => [id, i + 1]));
    const unref = (r: string) =>
      r.replace(/^document:(\d+)/, (m, n: string) =>
        index.has(Number(n)) ? `document:${index.get(Number(n))}` : Number(n) >= 500_000 ? `document:${Number(n) - 500_000}` : m,
      );
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === "object") {
        const o = { ...(v as Record<string, unknown>) };
        if (typeof o.id === "number" && "body" in o) o.id = index.get(o.id) ?? o.id;
        for (const k of ["from", "to"]) if (typeof o[k] === "string") o[k] = unref(o[k] as string);
        for (const k of Object.keys(o)) if (o[k] && typeof o[k] === "object") o[k] = walk(o[k]);
        return o;
      }
      return v;
    };
    return walk(value) as T;
  }

  async run(c: Command): Promise<Outcome> {
    try {
      return { ok: this.canon(await this.exec(c)) };
    } catch (e) {
      if (isStoreError(e)) return { error: e.code };
      return { error: `raw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
    }
  }

  private async allPages<T>(fetch: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>): Promise<T[][]> {
    const pages: T[][] = [];
    let cursor: string | undefined;
    do {
      const p = await fetch(cursor);
      pages.push(p.items);
      cursor = p.cursor;
    } while (cursor !== undefined && pages.length < 200);
    return pages;
  }

  private async exec(c: Command): Promise<unknown> {
    const b = this.backend;
    switch (c.t) {
      case "tick":
        return undefined;
      case "createDialogue":
        return b.dialogues.createDialogue({
          id: c.id,
          title: c.title,
          ...(c.status ? { status: c.status } : {}),
          ...(c.question !== undefined ? { question: c.question } : {}),
        });
      case "updateDialogue":
        return b.dialogues.updateDialogue(c.id, c.patch);
      case "deleteDialogue":
        return b.dialogues.deleteDialogue(c.id);
      case "getDialogue":
        return b.dialogues.getDialogue(c.id);
      case "exportDialogue":
        return b.dialogues.exportDialogue(c.id);
      case "reimport": {
        const e = await b.dialogues.exportDialogue(c.id);
        await b.dialogues.importDialogue(e, { onConflict: c.onConflict });
        return b.dialogues.exportDialogue(c.id);
      }
      case "registerPerspective":
        return b.dialogues.registerPerspective({ dialogueId: c.d, id: c.id, round: c.round, expert: "e", label: "l", content: c.id });
      case "registerTension":
        return b.dialogues.registerTension({
          dialogueId: c.d,
          id: c.id,
          round: c.round,
          expert: "e",
          label: "l",
          content: c.id,
          ...(c.status ? { status: c.status } : {}),
        });
      case "updateTensionStatus":
        return b.dialogues.updateTensionStatus(
          { dialogueId: c.d, tensionId: c.id },
          c.status,
          c.note !== undefined ? { note: c.note } : {},
          c.ifStatus ? { ifStatus: c.ifStatus } : undefined,
        );
      case "listDialogues":
        return b.dialogues.listDialogues(c.status);
      case "listDialoguesPage":
        return this.allPages((cursor) => b.dialogues.listDialoguesPage({ status: c.status, limit: c.limit, cursor }));
      case "addDocument": {
        const id = await b.documents.addDocument({ title: c.title, body: c.body, ...(c.kind !== undefined ? { kind: c.kind } : {}) });
        this.docIds.push(id);
        return this.docIds.length;
      }
      case "updateDocument": {
        const patch: { title?: string; body?: string; kind?: string | null } = {};
        if (c.title !== undefined) patch.title = c.title;
        if (c.body !== undefined) patch.body = c.body;
        if (c.kind !== undefined) patch.kind = c.kind;
        return b.documents.updateDocument(this.docId(c.idx), patch);
      }
      case "deleteDocument":
        return b.documents.deleteDocument(this.docId(c.idx));
      case "getDocument":
        return b.documents.getDocument(this.docId(c.idx));
      case "importDocument":
        return b.documents.importDocument(
          {
            id: c.id + 500_000,
            title: c.title,
            body: c.body,
            createdAt: "2025-01-01T00:00:00.000Z",
            updatedAt: "2025-01-01T00:00:00.000Z",
          },
          { onConflict: c.onConflict },
        );
      case "search":
        return b.documents.search(c.q, c.limit);
      case "listDocumentsPage":
        return this.allPages((cursor) => b.documents.listDocumentsPage({ limit: c.limit, cursor }));
      case "addLink":
        return b.links.addLink({
          from: this.ref(c.from),
          to: this.ref(c.to),
          kind: c.kind,
          ...(c.w !== undefined ? { metadata: { w: c.w } } : {}),
        });
      case "removeLink":
        return b.links.removeLink(this.ref(c.from), this.ref(c.to), c.kind);
      case "linksFrom":
        return b.links.linksFrom(this.ref(c.ref), c.kind ? { kind: c.kind } : undefined);
      case "linksTo":
        return b.links.linksTo(this.ref(c.ref), c.kind ? { kind: c.kind } : undefined);
      case "listLinksPage":
        return this.allPages((cursor) => b.links.listLinksPage({ limit: c.limit, cursor }));
      case "put":
        return storeOf(b, c.store).put(
          { pk: c.pk, sk: c.sk, v: c.v },
          { ifNotExists: c.ifNotExists, ...(c.ttl !== undefined ? { ttlSeconds: c.ttl } : {}) },
        );
      case "getMany":
        return storeOf(b, c.store).getMany(c.keys.map(([pk, sk]) => ({ pk, sk })));
      case "deleteMany":
        return storeOf(b, c.store).deleteMany(c.keys.map(([pk, sk]) => ({ pk, sk })));
      case "putMany":
        return storeOf(b, c.store).putMany(
          c.items.map(([pk, sk, v]) => ({ pk, sk, v })),
          c.ttl !== undefined ? { ttlSeconds: c.ttl } : undefined,
        );
      case "transact":
        return storeOf(b, c.store).transact(
          c.ops.map((o) =>
            o.op === "put"
              ? { put: { pk: o.pk, sk: o.sk, v: o.v }, ifNotExists: o.cond }
              : o.op === "delete"
                ? { delete: { pk: o.pk, sk: o.sk }, ifExists: o.cond }
                : { check: { pk: o.pk, sk: o.sk }, exists: o.cond },
          ),
        );
      case "iterate": {
        const out: unknown[] = [];
        for await (const item of storeOf(b, c.store).iterate(c.pk, c.prefix, { pageSize: c.pageSize, reverse: c.reverse })) out.push(item);
        return out;
      }
      case "get":
        return storeOf(b, c.store).get(c.pk, c.sk);
      case "delete":
        return storeOf(b, c.store).delete(c.pk, c.sk);
      case "query":
        return storeOf(b, c.store).query(c.pk, c.prefix, { ...(c.limit ? { limit: c.limit } : {}), reverse: c.reverse });
      case "queryPage":
        return this.allPages((cursor) =>
          storeOf(b, c.store).queryPage(c.pk, c.prefix, { limit: c.limit ?? 100, cursor, reverse: c.reverse }),
        );
    }
  }

  /** Everything observable, for the comparison at the end of a run. */
  async state(): Promise<unknown> {
    const b = this.backend;
    const dialogues = await b.dialogues.listDialogues();
    const exports = [];
    for (const d of dialogues) exports.push({ ...(await b.dialogues.exportDialogue(d.id)), exportedAt: "-" });
    const docs = await this.allPages((cursor) => b.documents.listDocumentsPage({ limit: 1000, cursor }));
    const links = await this.allPages((cursor) => b.links.listLinksPage({ limit: 1000, cursor }));
    return this.canon({ dialogues, exports, docs: docs.flat(), links: links.flat() });
  }
}
