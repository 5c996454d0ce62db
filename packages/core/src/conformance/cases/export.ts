import type { DialogueExport } from "../../types/entities";
import { createMemoryStorage } from "../../memory";
import { check, checkEqual, expectOk, expectStoreError } from "../assert";
import type { CaseContext, ConformanceCase } from "../types";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";

/** A dialogue with every kind of content, plus neighbours whose ids extend its id. */
export async function richDialogue(ctx: CaseContext, id = "d1"): Promise<void> {
  const b = ctx.backend;
  await b.dialogues.createDialogue(newDialogue(id, { question: "What now? 😀", metadata: { owner: "ada", tags: ["x", "y"] } }));
  await b.dialogues.createDialogue(newDialogue(`${id}0`));
  for (const [pid, round] of [
    ["p2", 1],
    ["p1", 1],
    ["p0", 2],
    ["P9", 0],
  ] as const) {
    ctx.clock.tick();
    await b.dialogues.registerPerspective(newPerspective(id, pid, round, { metadata: { r: round } }));
  }
  for (const [tid, round] of [
    ["t2", 0],
    ["t1", 1],
    ["T0", 1],
  ] as const) {
    ctx.clock.tick();
    await b.dialogues.registerTension(newTension(id, tid, round, { metadata: { k: tid } }));
  }
  ctx.clock.tick();
  await b.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "t1" }, "addressed", { round: 2, actor: "bob", note: "n1" });
  ctx.clock.tick();
  await b.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "t1" }, "resolved", { at: "2020-05-05T05:05:05.005Z" });
  await b.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "T0" }, "resolved", {});
  const links = [
    { from: `dialogue:${id}`, to: "document:1", kind: "about", metadata: { w: 1 } },
    { from: `dialogue:${id}/tension:t1`, to: "document:2", kind: "cites" },
    { from: "document:3", to: `dialogue:${id}/perspective:p0`, kind: "quotes" },
    { from: `dialogue:${id}/tension:t2`, to: `dialogue:${id}/perspective:p1`, kind: "answers" },
    { from: `dialogue:${id}0`, to: "document:1", kind: "about" },
    { from: `dialogue:${id}0/tension:t1`, to: "document:2", kind: "cites" },
    { from: "document:1", to: "document:2", kind: "see" },
  ];
  for (const l of links) {
    ctx.clock.tick();
    await b.links.addLink(l);
  }
}

const withoutExportedAt = (e: DialogueExport) => ({ ...e, exportedAt: "-" });

/** exportDialogue completeness and importDialogue fidelity, conflicts and rejection. */
export function exportCases(): ConformanceCase[] {
  return [
    kase(
      "export.exportDialogue.complete",
      "an export holds the dialogue, every entity in order, every event, and exactly the links inside it",
      async (ctx) => {
        await richDialogue(ctx);
        const at = ctx.clock.advance(1000);
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        checkEqual([e.format, e.version, e.exportedAt], ["blue.dialogue-export", 1, at], "[format, version, exportedAt]");
        checkEqual(e.dialogue, await ctx.backend.dialogues.getDialogue("d1"), "the exported dialogue");
        checkEqual(
          e.perspectives.map((p) => `${p.round}/${p.id}`),
          ["0/P9", "1/p1", "1/p2", "2/p0"],
          "perspectives by (round, id)",
        );
        checkEqual(
          e.tensions.map((t) => `${t.round}/${t.id}:${t.status}:${t.events.map((ev) => ev.seq).join(",")}`),
          ["0/t2:open:1", "1/T0:resolved:1,2", "1/t1:resolved:1,2,3"],
          "tensions by (round, id) with event seqs",
        );
        checkEqual(
          e.tensions[2]?.events[1],
          { seq: 2, status: "addressed", at: e.tensions[2]?.events[1]?.at, round: 2, actor: "bob", note: "n1" },
          "an event with every field",
        );
        checkEqual(
          e.links.map((l) => `${l.from} ${l.to} ${l.kind}`),
          [
            "dialogue:d1 document:1 about",
            "dialogue:d1/tension:t1 document:2 cites",
            "dialogue:d1/tension:t2 dialogue:d1/perspective:p1 answers",
            "document:3 dialogue:d1/perspective:p0 quotes",
          ],
          "links by (from, to, kind)",
        );
        checkEqual(e.links[0]?.metadata, { w: 1 }, "link metadata");
      },
    ),
    kase("export.exportDialogue.notFound", "exporting a missing dialogue is NOT_FOUND", async ({ backend }) => {
      await expectStoreError(() => backend.dialogues.exportDialogue("nope"), "NOT_FOUND", "exportDialogue(nope)");
    }),
    kase("export.importDialogue.fidelity", "importDialogue(exportDialogue(id)) into a fresh backend reproduces it exactly", async (ctx) => {
      await richDialogue(ctx);
      const original = await ctx.backend.dialogues.exportDialogue("d1");
      const summary = await ctx.eventually(async () => {
        const s = (await ctx.backend.dialogues.listDialogues()).find((x) => x.id === "d1");
        checkEqual(s?.updatedAt, original.dialogue.updatedAt, "the listed updatedAt of d1");
        return s;
      });
      const fresh = await ctx.freshBackend();
      ctx.clock.advance(60_000);
      await fresh.dialogues.importDialogue(original);
      checkEqual(
        withoutExportedAt(await fresh.dialogues.exportDialogue("d1")),
        withoutExportedAt(original),
        "export of the imported dialogue",
      );
      checkEqual(await fresh.dialogues.getDialogue("d1"), original.dialogue, "getDialogue after import");
      await ctx.eventually(async () => checkEqual(await fresh.dialogues.listDialogues(), [summary], "listDialogues after import"));
      checkEqual(
        await fresh.links.linksTo("document:2"),
        [original.links[1]],
        "linksTo(document:2) after import (only the dialogue's links came along)",
      );
    }),
    kase(
      "export.importDialogue.acrossBackends",
      "exports move both ways between this backend and the memory reference, unchanged",
      async (ctx) => {
        const reference = createMemoryStorage({ clock: ctx.clock });
        const backend = ctx.backend;
        await richDialogue({ ...ctx, backend: reference });
        const fromReference = await reference.dialogues.exportDialogue("d1");
        await backend.dialogues.importDialogue(fromReference);
        checkEqual(await backend.dialogues.exportDialogue("d1"), fromReference, "the reference's export, imported here and exported again");
        await richDialogue({ ...ctx, backend }, "x1");
        const fromBackend = await backend.dialogues.exportDialogue("x1");
        const fresh = createMemoryStorage({ clock: ctx.clock });
        await fresh.dialogues.importDialogue(fromBackend);
        checkEqual(
          await fresh.dialogues.exportDialogue("x1"),
          fromBackend,
          "this backend's export, imported into the reference and exported again",
        );
      },
    ),
    kase("export.importDialogue.continues", "after an import, status changes continue the event sequence and counters", async (ctx) => {
      await richDialogue(ctx);
      const original = await ctx.backend.dialogues.exportDialogue("d1");
      const fresh = await ctx.freshBackend();
      await fresh.dialogues.importDialogue(original);
      ctx.clock.advance(1000);
      await fresh.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "open", {}, { ifStatus: "resolved" });
      const e = await fresh.dialogues.exportDialogue("d1");
      checkEqual(
        e.tensions.find((t) => t.id === "t1")?.events.map((ev) => ev.seq),
        [1, 2, 3, 4],
        "t1's event seqs",
      );
      await ctx.eventually(async () =>
        checkEqual((await fresh.dialogues.listDialogues())[0]?.unresolvedTensionCount, 2, "unresolvedTensionCount"),
      );
      await expectStoreError(
        () => fresh.dialogues.registerPerspective(newPerspective("d1", "p1")),
        "ALREADY_EXISTS",
        "registering an imported perspective id",
      );
    }),
    kase(
      "export.importDialogue.conflictFail",
      "importing over an existing dialogue fails with ALREADY_EXISTS by default and changes nothing",
      async (ctx) => {
        await richDialogue(ctx);
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        await ctx.backend.dialogues.registerPerspective(newPerspective("d1", "extra"));
        const before = await ctx.backend.dialogues.exportDialogue("d1");
        await expectStoreError(() => ctx.backend.dialogues.importDialogue(e), "ALREADY_EXISTS", "importDialogue default policy");
        await expectStoreError(
          () => ctx.backend.dialogues.importDialogue(e, { onConflict: "fail" }),
          "ALREADY_EXISTS",
          "importDialogue fail",
        );
        checkEqual(
          withoutExportedAt(await ctx.backend.dialogues.exportDialogue("d1")),
          withoutExportedAt(before),
          "the dialogue after the rejected imports",
        );
      },
    ),
    kase("export.importDialogue.conflictSkip", "onConflict skip leaves the existing dialogue untouched", async (ctx) => {
      await richDialogue(ctx);
      const e = await ctx.backend.dialogues.exportDialogue("d1");
      await ctx.backend.dialogues.updateDialogue("d1", { title: "changed" });
      const before = await ctx.backend.dialogues.exportDialogue("d1");
      await ctx.backend.dialogues.importDialogue(e, { onConflict: "skip" });
      checkEqual(withoutExportedAt(await ctx.backend.dialogues.exportDialogue("d1")), withoutExportedAt(before), "the dialogue after skip");
    }),
    kase(
      "export.importDialogue.conflictReplace",
      "onConflict replace swaps the whole dialogue: entities, events, counters and links",
      async (ctx) => {
        await richDialogue(ctx);
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        await ctx.backend.dialogues.registerPerspective(newPerspective("d1", "extra"));
        await ctx.backend.dialogues.registerTension(newTension("d1", "extra"));
        await ctx.backend.links.addLink({ from: "dialogue:d1/perspective:extra", to: "document:9", kind: "cites" });
        await ctx.backend.links.removeLink("dialogue:d1", "document:1", "about");
        await ctx.backend.dialogues.importDialogue(e, { onConflict: "replace" });
        checkEqual(withoutExportedAt(await ctx.backend.dialogues.exportDialogue("d1")), withoutExportedAt(e), "the dialogue after replace");
        checkEqual(await ctx.backend.links.linksTo("document:9"), [], "a link added after the export");
        await ctx.eventually(async () => {
          const s = (await ctx.backend.dialogues.listDialogues()).find((x) => x.id === "d1");
          checkEqual(s && [s.perspectiveCount, s.tensionCount, s.unresolvedTensionCount], [4, 3, 1], "summary counts after replace");
        });
        checkEqual((await ctx.backend.links.linksFrom("dialogue:d10")).length, 1, "links of the neighbour d10");
      },
    ),
    kase("export.importDialogue.malformed", "malformed exports are VALIDATION and nothing is written", async (ctx) => {
      await richDialogue(ctx, "src");
      const good = await ctx.backend.dialogues.exportDialogue("src");
      const fresh = await ctx.freshBackend();
      const t0 = good.tensions[0]!;
      const bad: Array<[string, unknown]> = [
        ["wrong format", { ...good, format: "other" }],
        ["version 2", { ...good, version: 2 }],
        ["no exportedAt", { ...good, exportedAt: undefined }],
        ["bad dialogue id", { ...good, dialogue: { ...good.dialogue, id: "bad id" } }],
        ["updatedAt before createdAt", { ...good, dialogue: { ...good.dialogue, updatedAt: "2000-01-01T00:00:00.000Z" } }],
        ["perspectives not an array", { ...good, perspectives: {} }],
        ["perspective of another dialogue", { ...good, perspectives: [{ ...good.perspectives[0]!, dialogueId: "other" }] }],
        ["perspective without createdAt", { ...good, perspectives: [{ ...good.perspectives[0]!, createdAt: undefined }] }],
        ["duplicate perspective", { ...good, perspectives: [good.perspectives[0], good.perspectives[0]] }],
        ["duplicate tension", { ...good, tensions: [t0, t0] }],
        ["tension without events", { ...good, tensions: [{ ...t0, events: [] }] }],
        ["event seq gap", { ...good, tensions: [{ ...t0, events: [{ ...t0.events[0]!, seq: 2 }] }] }],
        ["status not the last event's", { ...good, tensions: [{ ...t0, status: t0.status === "open" ? "resolved" : "open" }] }],
        ["bad event status", { ...good, tensions: [{ ...t0, events: [{ ...t0.events[0]!, status: "done" }] }] }],
        [
          "link outside the dialogue",
          { ...good, links: [...good.links, { from: "document:1", to: "document:2", kind: "k", createdAt: good.exportedAt }] },
        ],
        ["duplicate link", { ...good, links: [good.links[0], good.links[0]] }],
        ["link with a bad address", { ...good, links: [{ ...good.links[0]!, to: "document:0" }] }],
        ["NaN in metadata", { ...good, dialogue: { ...good.dialogue, metadata: { x: Number.NaN } } }],
      ];
      for (const [what, e] of bad)
        await expectStoreError(() => fresh.dialogues.importDialogue(e as DialogueExport), "VALIDATION", `import with ${what}`);
      checkEqual(await fresh.dialogues.getDialogue("src"), null, "the dialogue after rejected imports");
      checkEqual((await fresh.links.listLinksPage({})).items, [], "links after rejected imports");
      await expectStoreError(
        () => fresh.dialogues.importDialogue(good, { onConflict: "merge" as never }),
        "VALIDATION",
        "unknown onConflict",
      );
      await expectOk(fresh.dialogues.importDialogue(good), "the valid export");
      check((await fresh.dialogues.getDialogue("src")) !== null, "the valid export was not stored");
    }),
    kase(
      "export.importDialogue.oversized",
      "an export with an entity over 350 KiB is ITEM_TOO_LARGE and nothing is written",
      async (ctx) => {
        await richDialogue(ctx, "src");
        const good = await ctx.backend.dialogues.exportDialogue("src");
        const fresh = await ctx.freshBackend();
        const big = {
          ...good,
          perspectives: [...good.perspectives, { ...good.perspectives[0]!, id: "big", content: "x".repeat(360 * 1024) }],
        };
        await expectStoreError(() => fresh.dialogues.importDialogue(big), "ITEM_TOO_LARGE", "import with a 360 KiB perspective");
        checkEqual(await fresh.dialogues.getDialogue("src"), null, "the dialogue after the rejected import");
      },
    ),
  ];
}
