import type { JsonObject, StorageBackend, TensionStatus } from "@blue/store-core";
import type { Rng } from "./random";

/** One step of a workload: the same call, made on any backend. */
export interface Step {
  name: string;
  run(b: StorageBackend): Promise<unknown>;
}

const DIALOGUES = ["d0", "d1", "d2", "d-3", "bad id"];
const ENTITY_IDS = ["a", "b", "c0", "c.1", "Z"];
const STATUSES: TensionStatus[] = ["open", "addressed", "resolved"];
const WORDS = ["cat", "dog", "Café", "olé", "東京", "straße", "ǅemal", "x1", "OR", "NEAR", "the", "a", "ﬁle", "𝐀bc", "Ⅻ"];
const JUNK = ['"', "*", "NEAR(", "title:", "-", "(", ")", "^", "'"];
const KEYS = ["a", "a\u0000", "a\u0000b", "a\u0001", "a#b", "a/b", "a%", "ab", "a\uffff", "a\u{10ffff}", "a😀", "b", "é", "\u{10ffff}"];
const REFS = ["document:1", "document:2", "dialogue:d0", "dialogue:d0/tension:a", "dialogue:d1/perspective:b", "dialogue:d01", "topic:x"];

type KV = JsonObject & { p: string; s: string; v: number };
const schemas = [
  { name: "kv", key: (i: KV) => ({ pk: i.p, sk: i.s }) },
  { name: "kv2", key: (i: KV) => ({ pk: i.p, sk: i.s }) },
];

function text(r: Rng, n: number): string {
  return Array.from({ length: n }, () => (r.chance(0.1) ? r.pick(JUNK) : r.pick(WORDS))).join(r.pick([" ", "-", ", ", "\n"]));
}

async function walk<T>(page: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    pages.push(p.items);
    cursor = p.cursor;
  } while (cursor !== undefined && pages.length < 200);
  return pages;
}

/** A random step; `at()` gives the timestamp a caller-supplied time uses. */
export function randomStep(r: Rng, at: () => string): Step {
  const d = r.pick(DIALOGUES);
  const id = r.pick(ENTITY_IDS);
  const round = r.int(4);
  const steps: Array<() => Step> = [
    () => {
      const input = { id: d, title: text(r, 2), ...(r.chance(0.3) ? { status: "converged" as const } : {}) };
      return { name: "createDialogue", run: (b) => b.dialogues.createDialogue(input) };
    },
    () => ({ name: "getDialogue", run: (b) => b.dialogues.getDialogue(d) }),
    () => {
      const patch = r.pick([
        { title: text(r, 1) },
        { question: "why?" },
        { question: null },
        { status: "abandoned" as const },
        { metadata: { k: [1, "x"] } },
        { metadata: null },
        { nope: 1 },
      ]);
      return { name: "updateDialogue", run: (b) => b.dialogues.updateDialogue(d, patch as never) };
    },
    () => ({ name: "deleteDialogue", run: (b) => b.dialogues.deleteDialogue(d) }),
    () => {
      const p = {
        dialogueId: d,
        id,
        round,
        expert: r.pick(["e1", "e2"]),
        label: "l",
        content: text(r, 3),
        ...(r.chance(0.3) ? { createdAt: at() } : {}),
      };
      return { name: "registerPerspective", run: (b) => b.dialogues.registerPerspective(p) };
    },
    () => {
      const t = {
        dialogueId: d,
        id,
        round,
        expert: "e",
        label: "l",
        content: text(r, 2),
        ...(r.chance(0.3) ? { status: r.pick(STATUSES) } : {}),
      };
      return { name: "registerTension", run: (b) => b.dialogues.registerTension(t) };
    },
    () => {
      const status = r.pick(STATUSES);
      const event = r.chance(0.4) ? { at: at(), note: "n", actor: "x", round } : {};
      const opts = r.chance(0.5) ? { ifStatus: r.pick(STATUSES) } : undefined;
      return {
        name: "updateTensionStatus",
        run: (b) => b.dialogues.updateTensionStatus({ dialogueId: d, tensionId: id }, status, event, opts),
      };
    },
    () => ({ name: "exportDialogue", run: (b) => b.dialogues.exportDialogue(d) }),
    () => {
      const policy = r.pick(["fail", "skip", "replace"] as const);
      const drop = r.chance(0.5);
      return {
        name: "reimport",
        run: async (b) => {
          const e = await b.dialogues.exportDialogue(d);
          if (drop) await b.dialogues.deleteDialogue(d);
          await b.dialogues.importDialogue(e, { onConflict: policy });
          return b.dialogues.exportDialogue(d);
        },
      };
    },
    () => {
      const status = r.chance(0.5) ? undefined : r.pick(["open", "converged", "abandoned"] as const);
      return { name: "listDialogues", run: (b) => b.dialogues.listDialogues(status) };
    },
    () => {
      const limit = 1 + r.int(3);
      return { name: "listDialoguesPage", run: (b) => walk((cursor) => b.dialogues.listDialoguesPage({ limit, cursor })) };
    },
    () => {
      const doc = { title: text(r, 1 + r.int(3)), body: text(r, r.int(12)), ...(r.chance(0.3) ? { kind: "note" } : {}) };
      return { name: "addDocument", run: (b) => b.documents.addDocument(doc) };
    },
    () => {
      const n = 1 + r.int(12);
      return { name: "getDocument", run: (b) => b.documents.getDocument(n) };
    },
    () => {
      const n = 1 + r.int(12);
      const patch = r.pick([{ body: text(r, 5) }, { title: text(r, 2) }, { kind: null }, { path: "p/q" }, { metadata: { a: 1 } }]);
      return { name: "updateDocument", run: (b) => b.documents.updateDocument(n, patch) };
    },
    () => {
      const n = 1 + r.int(12);
      return { name: "deleteDocument", run: (b) => b.documents.deleteDocument(n) };
    },
    () => {
      const doc = { id: 1 + r.int(20), title: text(r, 2), body: text(r, 4), createdAt: "2026-01-01T00:00:00.000Z", updatedAt: at() };
      const policy = r.pick(["fail", "skip", "replace"] as const);
      return { name: "importDocument", run: (b) => b.documents.importDocument(doc, { onConflict: policy }) };
    },
    () => {
      const limit = 1 + r.int(4);
      return { name: "listDocumentsPage", run: (b) => walk((cursor) => b.documents.listDocumentsPage({ limit, cursor })) };
    },
    () => {
      const q = text(r, 1 + r.int(2));
      const limit = r.chance(0.5) ? undefined : 1 + r.int(4);
      return { name: "search", run: (b) => b.documents.search(q, limit) };
    },
    () => {
      const l = {
        from: r.pick(REFS),
        to: r.pick(REFS),
        kind: r.pick(["cites", "refutes"]),
        ...(r.chance(0.5) ? { metadata: { w: r.int(9) } } : {}),
      };
      return { name: "addLink", run: (b) => b.links.addLink(l) };
    },
    () => {
      const [f, t, k] = [r.pick(REFS), r.pick(REFS), r.pick(["cites", "refutes"])];
      return { name: "removeLink", run: (b) => b.links.removeLink(f, t, k) };
    },
    () => {
      const ref = r.pick(REFS);
      const kind = r.chance(0.5) ? { kind: "cites" } : undefined;
      return { name: "linksFromTo", run: async (b) => [await b.links.linksFrom(ref, kind), await b.links.linksTo(ref, kind)] };
    },
    () => ({ name: "listLinksPage", run: (b) => walk((cursor) => b.links.listLinksPage({ limit: 2, cursor })) }),
    () => {
      const item: KV = { p: r.pick(["p", "q\u0000"]), s: r.pick(KEYS), v: r.int(100) };
      const opts = r.chance(0.3) ? { ifNotExists: true } : undefined;
      const s = r.pick(schemas);
      return { name: "put", run: (b) => b.store(s).put(item, opts) };
    },
    () => {
      const [pk, sk, s, del] = [r.pick(["p", "q\u0000"]), r.pick(KEYS), r.pick(schemas), r.chance(0.3)];
      return { name: "getDelete", run: async (b) => [await b.store(s).get(pk, sk), del ? await b.store(s).delete(pk, sk) : null] };
    },
    () => {
      const prefix = r.pick(["", "a", "a\u0000", "a\uffff", "a\u{10ffff}", "\u{10ffff}", "é", "z"]);
      const [reverse, limit, s] = [r.chance(0.5), r.chance(0.5) ? undefined : 1 + r.int(3), r.pick(schemas)];
      return {
        name: "query",
        run: async (b) => [
          await b.store(s).query("p", prefix, { reverse, limit }),
          await walk((cursor) => b.store(s).queryPage("p", prefix, { reverse, limit: limit ?? 2, cursor })),
        ],
      };
    },
  ];
  return r.pick(steps)();
}
