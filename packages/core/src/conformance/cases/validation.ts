import { checkEqual, expectOk, expectStoreError } from "../assert";
import type { ConformanceCase } from "../types";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";

export const BAD_IDS: Array<[string, unknown]> = [
  ["empty", ""],
  ["space", "a b"],
  ["leading dash", "-a"],
  ["leading dot", ".a"],
  ["slash", "a/b"],
  ["hash", "a#b"],
  ["non-ASCII", "é"],
  ["emoji", "😀"],
  ["NUL", "a\u0000"],
  ["129 chars", "a".repeat(129)],
  ["number", 5],
  ["null", null],
  ["newline", "a\n"],
];

export const BAD_TIMESTAMPS: Array<[string, unknown]> = [
  ["date only", "2026-01-01"],
  ["no millis", "2026-01-01T00:00:00Z"],
  ["micros", "2026-01-01T00:00:00.000000Z"],
  ["offset", "2026-01-01T00:00:00.000+01:00"],
  ["lower-case z", "2026-01-01T00:00:00.000z"],
  ["Feb 30", "2026-02-30T00:00:00.000Z"],
  ["hour 24", "2026-01-01T24:00:00.000Z"],
  ["space", "2026-01-01 00:00:00.000Z"],
  ["Date object", new Date(0)],
  ["number", 0],
  ["empty", ""],
];

class Point {
  constructor(public x = 1) {}
}
// biome-ignore lint/suspicious/noSparseArray: an array hole is the bad input under test
const sparse = [1, , 3];

export const BAD_VALUES: Array<[string, unknown]> = [
  ["NaN", Number.NaN],
  ["Infinity", Infinity],
  ["-Infinity", -Infinity],
  ["bigint", BigInt(7)],
  ["function", () => 1],
  ["symbol", Symbol("x")],
  ["class instance", new Point()],
  ["Date", new Date(0)],
  ["Map", new Map([["a", 1]])],
  ["Set", new Set([1])],
  ["RegExp", /x/],
  ["Uint8Array", new Uint8Array(2)],
  ["lone high surrogate", "a\ud800"],
  ["lone low surrogate", "\udc00b"],
  ["array hole", sparse],
  ["undefined in array", [undefined]],
  ["nested NaN", { a: [{ b: Number.NaN }] }],
  ["33 levels deep", Array.from({ length: 33 }).reduce<unknown>((acc) => ({ n: acc }), 1)],
];

/** Validation with codes: ids, timestamps, JSON values, strings, rounds; nothing written. */
export function validationCases(): ConformanceCase[] {
  return [
    kase("validation.ids.dialogue", "invalid dialogue ids are VALIDATION; 128 characters are fine", async ({ backend }) => {
      for (const [what, id] of BAD_IDS)
        await expectStoreError(
          () => backend.dialogues.createDialogue(newDialogue(id as string)),
          "VALIDATION",
          `createDialogue with id ${what}`,
        );
      checkEqual(await backend.dialogues.listDialogues(), [], "dialogues after rejected creates");
      const long = `A${"z".repeat(120)}._:-0-9`;
      await expectOk(backend.dialogues.createDialogue(newDialogue(long)), "createDialogue with a 128-character id");
      checkEqual((await backend.dialogues.getDialogue(long))?.id, long, "the 128-character id");
    }),
    kase("validation.ids.entities", "invalid perspective and tension ids are VALIDATION", async ({ backend }) => {
      await backend.dialogues.createDialogue(newDialogue("d1"));
      for (const [what, id] of BAD_IDS) {
        await expectStoreError(
          () => backend.dialogues.registerPerspective(newPerspective("d1", id as string)),
          "VALIDATION",
          `perspective id ${what}`,
        );
        await expectStoreError(() => backend.dialogues.registerTension(newTension("d1", id as string)), "VALIDATION", `tension id ${what}`);
      }
      await expectStoreError(
        () => backend.dialogues.registerPerspective(newPerspective("bad id", "p1")),
        "VALIDATION",
        "a bad dialogueId (checked before NOT_FOUND)",
      );
      const e = await backend.dialogues.exportDialogue("d1");
      checkEqual([e.perspectives.length, e.tensions.length], [0, 0], "[perspectives, tensions] after rejected registrations");
    }),
    kase("validation.timestamps", "timestamps must be YYYY-MM-DDTHH:MM:SS.mmmZ naming a real instant", async ({ backend }) => {
      for (const [what, ts] of BAD_TIMESTAMPS) {
        await expectStoreError(
          () => backend.dialogues.createDialogue(newDialogue("d1", { createdAt: ts as string })),
          "VALIDATION",
          `dialogue createdAt ${what}`,
        );
        await expectStoreError(
          () => backend.documents.addDocument({ title: "t", body: "b", createdAt: ts as string }),
          "VALIDATION",
          `document createdAt ${what}`,
        );
        await expectStoreError(
          () => backend.links.addLink({ from: "document:1", to: "document:2", kind: "k", createdAt: ts as string }),
          "VALIDATION",
          `link createdAt ${what}`,
        );
      }
      checkEqual(await backend.dialogues.getDialogue("d1"), null, "dialogue after rejected creates");
      await expectOk(
        backend.dialogues.createDialogue(newDialogue("d1", { createdAt: "2024-02-29T23:59:59.999Z" })),
        "a leap-day timestamp",
      );
    }),
    kase("validation.values.metadata", "metadata that is not JSON is VALIDATION everywhere and nothing is written", async ({ backend }) => {
      await backend.dialogues.createDialogue(newDialogue("d1"));
      for (const [what, v] of BAD_VALUES) {
        const metadata = { v } as never;
        await expectStoreError(
          () => backend.dialogues.createDialogue(newDialogue("d2", { metadata })),
          "VALIDATION",
          `dialogue metadata: ${what}`,
        );
        await expectStoreError(
          () => backend.dialogues.updateDialogue("d1", { metadata }),
          "VALIDATION",
          `dialogue patch metadata: ${what}`,
        );
        await expectStoreError(
          () => backend.dialogues.registerPerspective(newPerspective("d1", "p1", 1, { metadata })),
          "VALIDATION",
          `perspective metadata: ${what}`,
        );
        await expectStoreError(
          () => backend.dialogues.registerTension(newTension("d1", "t1", 1, { metadata })),
          "VALIDATION",
          `tension metadata: ${what}`,
        );
        await expectStoreError(
          () => backend.documents.addDocument({ title: "t", body: "b", metadata }),
          "VALIDATION",
          `document metadata: ${what}`,
        );
        await expectStoreError(
          () => backend.links.addLink({ from: "document:1", to: "document:2", kind: "k", metadata }),
          "VALIDATION",
          `link metadata: ${what}`,
        );
      }
      for (const metadata of [[1], "x", 5, null]) {
        await expectStoreError(
          () => backend.dialogues.createDialogue(newDialogue("d3", { metadata: metadata as never })),
          "VALIDATION",
          `metadata ${JSON.stringify(metadata)} (not an object)`,
        );
      }
      const e = await backend.dialogues.exportDialogue("d1");
      checkEqual([e.dialogue.metadata, e.perspectives.length, e.tensions.length], [undefined, 0, 0], "d1 after rejected writes");
      checkEqual(
        [
          await backend.dialogues.getDialogue("d2"),
          (await backend.documents.listDocumentsPage({})).items,
          (await backend.links.listLinksPage({})).items,
        ],
        [null, [], []],
        "nothing else written",
      );
    }),
    kase("validation.strings", "lone surrogates and non-strings in text fields are VALIDATION", async ({ backend }) => {
      await backend.dialogues.createDialogue(newDialogue("d1"));
      for (const bad of ["x\ud800", "\udfff", 5, null]) {
        const s = bad as string;
        await expectStoreError(
          () => backend.dialogues.createDialogue(newDialogue("d2", { title: s })),
          "VALIDATION",
          `dialogue title ${JSON.stringify(bad)}`,
        );
        await expectStoreError(
          () => backend.dialogues.registerPerspective(newPerspective("d1", "p", 1, { content: s })),
          "VALIDATION",
          `perspective content ${JSON.stringify(bad)}`,
        );
        await expectStoreError(
          () => backend.dialogues.registerTension(newTension("d1", "t", 1, { label: s })),
          "VALIDATION",
          `tension label ${JSON.stringify(bad)}`,
        );
        await expectStoreError(
          () => backend.documents.addDocument({ title: "t", body: s }),
          "VALIDATION",
          `document body ${JSON.stringify(bad)}`,
        );
      }
      await expectStoreError(
        () => backend.dialogues.createDialogue(newDialogue("d2", { title: "" })),
        "VALIDATION",
        "an empty dialogue title",
      );
      await expectStoreError(
        () => backend.dialogues.registerPerspective(newPerspective("d1", "p", 1, { expert: "" })),
        "VALIDATION",
        "an empty expert",
      );
      await expectStoreError(
        () => backend.dialogues.createDialogue(newDialogue("d2", { status: "closed" as never })),
        "VALIDATION",
        "an unknown dialogue status",
      );
      await expectStoreError(
        () => backend.dialogues.registerTension(newTension("d1", "t", 1, { status: "done" as never })),
        "VALIDATION",
        "an unknown tension status",
      );
      checkEqual((await backend.documents.listDocumentsPage({})).items, [], "documents after rejected adds");
    }),
    kase("validation.rounds", "rounds are integers from 0 to 1000000", async ({ backend }) => {
      await backend.dialogues.createDialogue(newDialogue("d1"));
      for (const round of [-1, 1.5, 1_000_001, Number.NaN, "1" as never]) {
        await expectStoreError(
          () => backend.dialogues.registerPerspective(newPerspective("d1", "p", round)),
          "VALIDATION",
          `perspective round ${String(round)}`,
        );
        await expectStoreError(
          () => backend.dialogues.registerTension(newTension("d1", "t", round)),
          "VALIDATION",
          `tension round ${String(round)}`,
        );
      }
      await expectOk(backend.dialogues.registerPerspective(newPerspective("d1", "p0", 0)), "round 0");
      await expectOk(backend.dialogues.registerPerspective(newPerspective("d1", "pmax", 1_000_000)), "round 1000000");
    }),
    kase("validation.inputs", "non-object inputs are VALIDATION, not TypeErrors", async ({ backend }) => {
      for (const input of [null, undefined, 5, "x"]) {
        const v = input as never;
        await expectStoreError(() => backend.dialogues.createDialogue(v), "VALIDATION", `createDialogue(${String(input)})`);
        await expectStoreError(() => backend.dialogues.registerPerspective(v), "VALIDATION", `registerPerspective(${String(input)})`);
        await expectStoreError(() => backend.dialogues.registerTension(v), "VALIDATION", `registerTension(${String(input)})`);
        await expectStoreError(() => backend.documents.addDocument(v), "VALIDATION", `addDocument(${String(input)})`);
        await expectStoreError(() => backend.links.addLink(v), "VALIDATION", `addLink(${String(input)})`);
        await expectStoreError(() => backend.dialogues.importDialogue(v), "VALIDATION", `importDialogue(${String(input)})`);
        await expectStoreError(() => backend.documents.importDocument(v), "VALIDATION", `importDocument(${String(input)})`);
        if (input !== undefined)
          await expectStoreError(() => backend.dialogues.updateDialogue("d1", v), "VALIDATION", `updateDialogue(d1, ${String(input)})`);
      }
      await expectStoreError(
        () => backend.dialogues.updateTensionStatus(null as never, "open", {}),
        "VALIDATION",
        "updateTensionStatus(null)",
      );
    }),
  ];
}
