import type { StorageBackend } from "../../types/stores";
import { checkEqual, expectOk, expectStoreError } from "../assert";
import { KIT_EPOCH } from "../clock";
import type { CaseContext, ConformanceCase } from "../types";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";

/** Every write that takes a time from the clock, on a backend holding dialogue d1 (tension t1) and document `doc`. */
function clockReadingWrites(b: StorageBackend, doc: number): [string, () => Promise<unknown>][] {
  return [
    ["createDialogue without createdAt", () => b.dialogues.createDialogue(newDialogue("d2"))],
    ["createDialogue without id (a generated id is time-based)", () => b.dialogues.createDialogue({ title: "t", createdAt: KIT_EPOCH })],
    ["updateDialogue", () => b.dialogues.updateDialogue("d1", { title: "changed" })],
    ["registerPerspective without createdAt", () => b.dialogues.registerPerspective(newPerspective("d1", "p2"))],
    ["registerTension without createdAt", () => b.dialogues.registerTension(newTension("d1", "t2"))],
    ["updateTensionStatus without event.at", () => b.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "addressed", {})],
    ["exportDialogue (exportedAt)", () => b.dialogues.exportDialogue("d1")],
    ["addDocument without createdAt", () => b.documents.addDocument({ title: "t", body: "b" })],
    ["updateDocument", () => b.documents.updateDocument(doc, { title: "changed" })],
    ["addLink without createdAt", () => b.links.addLink({ from: "document:1", to: "document:2", kind: "k2" })],
  ];
}

/** Sets the clock to `reading`, expects CONFIG from every clock-reading write, then checks that none of them wrote anything. */
async function refusedEverywhere(ctx: CaseContext, reading: string, what: string): Promise<void> {
  const b = ctx.backend;
  await b.dialogues.createDialogue(newDialogue("d1"));
  await b.dialogues.registerTension(newTension("d1", "t1"));
  const doc = await b.documents.addDocument({ title: "t", body: "b" });
  await b.links.addLink({ from: "document:1", to: "document:2", kind: "k1" });
  const before = { ...(await b.dialogues.exportDialogue("d1")), exportedAt: "" };
  const docBefore = await b.documents.getDocument(doc);
  ctx.clock.set(reading);
  for (const [name, call] of clockReadingWrites(b, doc)) {
    const e = await expectStoreError(call, "CONFIG", `${name} with a clock at ${what}`);
    checkEqual(e.details?.field, "clock", `details.field of the error from ${name}`);
  }
  checkEqual((await b.dialogues.getDialogue("d1"))?.title, before.dialogue.title, "a read with the bad clock");
  ctx.clock.set(KIT_EPOCH);
  checkEqual({ ...(await b.dialogues.exportDialogue("d1")), exportedAt: "" }, before, "dialogue d1 after the refused writes");
  await ctx.eventually(async () =>
    checkEqual(
      (await b.dialogues.listDialogues()).map((s) => s.id),
      ["d1"],
      "dialogues after the refused writes",
    ),
  );
  checkEqual((await b.documents.listDocumentsPage({})).items, [docBefore], "documents after the refused writes");
  checkEqual(
    (await b.links.linksFrom("document:1")).map((l) => l.kind),
    ["k1"],
    "links after the refused writes",
  );
}

/** The clock's readings: a store never stores a timestamp its own import would refuse. */
export function clockCases(): ConformanceCase[] {
  return [
    kase(
      "clock.invalidDate",
      'a clock returning an Invalid Date makes every clock-reading write CONFIG (details.field "clock"), writing nothing',
      (ctx) => refusedEverywhere(ctx, "not a date", "an Invalid Date"),
    ),
    kase(
      "clock.outOfRange",
      "a clock past 9999-12-31 (or before year 0) makes every clock-reading write CONFIG, writing nothing",
      async (ctx) => {
        await refusedEverywhere(ctx, "+010000-01-01T00:00:00.000Z", "+010000-01-01T00:00:00.000Z");
        ctx.clock.set("-000001-12-31T23:59:59.999Z");
        await expectStoreError(ctx.backend.dialogues.createDialogue(newDialogue("d3")), "CONFIG", "createDialogue with a clock in year -1");
        ctx.clock.set(KIT_EPOCH);
        checkEqual(await ctx.backend.dialogues.getDialogue("d3"), null, "the refused d3");
      },
    ),
    kase("clock.lastInstant", "a clock at 9999-12-31T23:59:59.999Z works, and the export it produces imports", async (ctx) => {
      const last = "9999-12-31T23:59:59.999Z";
      ctx.clock.set(last);
      const b = ctx.backend;
      await b.dialogues.createDialogue(newDialogue("d1"));
      await b.dialogues.registerTension(newTension("d1", "t1"));
      await b.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "resolved", {});
      const e = await b.dialogues.exportDialogue("d1");
      checkEqual(
        [e.exportedAt, e.dialogue.updatedAt, e.tensions[0]?.events.map((x) => x.at)],
        [last, last, [last, last]],
        "timestamps taken from the clock",
      );
      const fresh = await ctx.freshBackend();
      await expectOk(fresh.dialogues.importDialogue(e), "importing the export made at the last instant");
      checkEqual({ ...(await fresh.dialogues.exportDialogue("d1")), exportedAt: last }, e, "the re-exported dialogue");
    }),
  ];
}
