import type { StorageBackend } from "../../types/stores";
import { LIMITS } from "../../validation/limits";
import { check, checkEqual, expectStoreError } from "../assert";
import type { Rng } from "../rng";
import type { CaseContext, ConformanceCase } from "../types";
import { storeOf } from "./generic";
import { kase, newDialogue, newTension } from "./helpers";

/**
 * Options are checked like every other argument: a wrong type, a value outside the option's
 * range or set, an option the method does not have, or an options argument that is no object
 * is VALIDATION whose `details.field` names it (`options.reverse`) and whose message names the
 * option, and nothing is written. A lax parser (`reverse: "yes"` taken as true, `limit: "5"` as
 * 5, unknown options ignored) fails these cases.
 */

const common: unknown[] = [null, {}, [], NaN];
/** Wrong values of each option type; `seeded` adds values drawn from the case's RNG. */
const WRONG = {
  boolean: (rng: Rng) => [...common, "yes", "true", "false", "", 1, 0, rng.int(2, 99)],
  limit: (rng: Rng) => [
    ...common,
    "5",
    0,
    -1,
    1.5,
    LIMITS.pageMaxLimit + 1,
    Infinity,
    true,
    -rng.int(1, 1000),
    rng.int(1, 999) + rng.pick([0.25, 0.5, 0.75]),
    String(rng.int(1, 999)),
  ],
  ttl: (rng: Rng) => [...common, "60", 0, -5, 1.5, LIMITS.ttlMaxSeconds + 1, true, rng.int(1, 1_000_000) + 0.5, -rng.int(1, 1_000_000)],
  timestamp: (rng: Rng) => [
    ...common,
    0,
    true,
    new Date(0),
    "2026-01-01",
    "2026-02-30T00:00:00.000Z",
    `${2000 + rng.int(0, 99)}-01-01T00:00:00Z`,
  ],
  string: (rng: Rng) => [...common, 5, true, rng.int(1, 1_000_000)],
  enum: (rng: Rng) => [...common, 1, true, "OPEN", "closed", "", rng.pick(["Fail", "overwrite", "merge", "resolved "])],
  kind: (rng: Rng) => [...common, 5, true, "", "a b", `k${"x".repeat(128 + rng.int(0, 20))}`],
};
type Wrong = keyof typeof WRONG;

/** One options argument of one method: `call(options)` runs the method with it. */
interface OptionsArgument {
  method: string;
  call: (options: unknown) => Promise<unknown>;
  /** Its options and their types. */
  options: Record<string, Wrong>;
  /** The field that names the argument (default "options"). */
  field?: string;
}

const NOT_OBJECTS: unknown[] = ["yes", 5, true, [], null];
const BOGUS = ["ifNotExist", "limt", "consistent", "Reverse", "page_size", "sort"];
const first = (items: AsyncIterable<unknown>) => items[Symbol.asyncIterator]().next();

/** Every wrong value of every option, an unknown option, and a non-object options argument: VALIDATION naming the field. */
async function rejectsEveryWrongOption(ctx: CaseContext, args: OptionsArgument[]): Promise<void> {
  for (const arg of args) {
    const field = arg.field ?? "options";
    for (const [name, type] of Object.entries(arg.options)) {
      for (const value of WRONG[type](ctx.rng)) {
        const what = `${arg.method} with ${name}: ${describe(value)}`;
        const e = await expectStoreError(() => arg.call({ [name]: value }), "VALIDATION", what);
        checkEqual(e.details?.field, `${field}.${name}`, `details.field of ${what}`);
        check(e.message.includes(name), `${what}: the message must name the option: ${JSON.stringify(e.message)}`);
      }
    }
    const bogus = ctx.rng.pick(BOGUS);
    const e = await expectStoreError(() => arg.call({ [bogus]: true }), "VALIDATION", `${arg.method} with the unknown option ${bogus}`);
    checkEqual(e.details?.field, `${field}.${bogus}`, `details.field of ${arg.method} with the unknown option ${bogus}`);
    for (const value of NOT_OBJECTS) {
      const err = await expectStoreError(() => arg.call(value), "VALIDATION", `${arg.method} with options ${describe(value)}`);
      checkEqual(err.details?.field, field, `details.field of ${arg.method} with options ${describe(value)}`);
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === "number" || value === undefined) return String(value);
  if (value instanceof Date) return "a Date";
  return JSON.stringify(value) ?? String(value);
}

function storeArguments(b: StorageBackend): OptionsArgument[] {
  const s = storeOf(b);
  const item = { pk: "p", sk: "s", v: 1 };
  return [
    { method: "put", call: (o) => s.put(item, o as never), options: { ifNotExists: "boolean", ttlSeconds: "ttl", expiresAt: "timestamp" } },
    { method: "putMany", call: (o) => s.putMany([item], o as never), options: { ttlSeconds: "ttl", expiresAt: "timestamp" } },
    { method: "query", call: (o) => s.query("p", "", o as never), options: { limit: "limit", reverse: "boolean" } },
    {
      method: "queryPage",
      call: (o) => s.queryPage("p", "", o as never),
      options: { limit: "limit", cursor: "string", reverse: "boolean" },
    },
    { method: "iterate", call: (o) => first(s.iterate("p", "", o as never)), options: { pageSize: "limit", reverse: "boolean" } },
  ];
}

/** Option types and values of every method, per store family. */
export function optionCases(): ConformanceCase[] {
  return [
    kase(
      "validation.options.store",
      "wrong option types and values of the generic store are VALIDATION naming the option; nothing is written",
      async (ctx) => {
        const s = storeOf(ctx.backend);
        await rejectsEveryWrongOption(ctx, storeArguments(ctx.backend));
        for (const [name, op] of [
          ["ifNotExists", (v: unknown) => ({ put: { pk: "p", sk: "t" }, ifNotExists: v })],
          ["ifExists", (v: unknown) => ({ delete: { pk: "p", sk: "t" }, ifExists: v })],
          ["exists", (v: unknown) => ({ check: { pk: "p", sk: "t" }, exists: v })],
        ] as const) {
          for (const value of WRONG.boolean(ctx.rng)) {
            const e = await expectStoreError(
              () => s.transact([{ put: { pk: "p", sk: "u" } }, op(value) as never]),
              "VALIDATION",
              `transact with ops[1].${name}: ${describe(value)}`,
            );
            checkEqual(e.details?.field, `ops[1].${name}`, `details.field of transact with ops[1].${name}: ${describe(value)}`);
          }
        }
        checkEqual(await s.query("p", ""), [], "the store after rejected writes");
      },
    ),
    kase(
      "validation.options.dialogues",
      "wrong option types and values of dialogue methods are VALIDATION naming the option; nothing changes",
      async (ctx) => {
        const d = ctx.backend.dialogues;
        await d.createDialogue(newDialogue("d1"));
        await d.registerTension(newTension("d1", "t1"));
        await d.createDialogue(newDialogue("d2"));
        const exported = await d.exportDialogue("d2");
        await d.deleteDialogue("d2");
        const before = await d.exportDialogue("d1");
        await rejectsEveryWrongOption(ctx, [
          {
            method: "updateTensionStatus",
            call: (o) => d.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "addressed", {}, o as never),
            options: { ifStatus: "enum" },
          },
          { method: "importDialogue", call: (o) => d.importDialogue(exported, o as never), options: { onConflict: "enum" } },
          {
            method: "listDialoguesPage",
            call: (o) => d.listDialoguesPage(o as never),
            options: { limit: "limit", cursor: "string", status: "enum" },
          },
          { method: "iterateDialogues", call: (o) => first(d.iterateDialogues(undefined, o as never)), options: { pageSize: "limit" } },
        ]);
        checkEqual(await d.exportDialogue("d1"), before, "d1 after rejected calls");
        checkEqual(await d.getDialogue("d2"), null, "d2 after rejected imports");
      },
    ),
    kase(
      "validation.options.documents",
      "wrong option types and values of document methods (and search's limit) are VALIDATION naming the option",
      async (ctx) => {
        const docs = ctx.backend.documents;
        await docs.addDocument({ title: "word", body: "a word" });
        const imported = { id: 7, title: "t", body: "b", createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" };
        await rejectsEveryWrongOption(ctx, [
          { method: "importDocument", call: (o) => docs.importDocument(imported, o as never), options: { onConflict: "enum" } },
          { method: "listDocumentsPage", call: (o) => docs.listDocumentsPage(o as never), options: { limit: "limit", cursor: "string" } },
          { method: "iterateDocuments", call: (o) => first(docs.iterateDocuments(o as never)), options: { pageSize: "limit" } },
        ]);
        for (const value of WRONG.limit(ctx.rng)) {
          const e = await expectStoreError(() => docs.search("word", value as never), "VALIDATION", `search with limit ${describe(value)}`);
          checkEqual(e.details?.field, "limit", `details.field of search with limit ${describe(value)}`);
        }
        checkEqual(await docs.getDocument(7), null, "document 7 after rejected imports");
      },
    ),
    kase("validation.options.links", "wrong option types and values of link methods are VALIDATION naming the option", async (ctx) => {
      const l = ctx.backend.links;
      await l.addLink({ from: "document:1", to: "document:2", kind: "k" });
      await rejectsEveryWrongOption(ctx, [
        { method: "linksFrom", call: (o) => l.linksFrom("document:1", o as never), options: { kind: "kind" } },
        { method: "linksTo", call: (o) => l.linksTo("document:2", o as never), options: { kind: "kind" } },
        { method: "listLinksPage", call: (o) => l.listLinksPage(o as never), options: { limit: "limit", cursor: "string" } },
        { method: "iterateLinks", call: (o) => first(l.iterateLinks(o as never)), options: { pageSize: "limit" } },
      ]);
    }),
  ];
}
