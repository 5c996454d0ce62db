import { isStoreError } from "../../errors";
import { check, checkEqual } from "../assert";
import type { ConformanceCase } from "../types";
import { richDialogue } from "./export";
import { HOSTILE_KEYS, storeOf, TRAP_KEYS } from "./generic";
import { collectPages, kase, newDialogue, newTension } from "./helpers";

const P = { requires: ["persistent" as const], tags: ["durability"] };
const M = { requires: ["multiProcess" as const], tags: ["multi-process"] };

/** Data survives close() + reopen; handles over the same data see each other. */
export function durabilityCases(): ConformanceCase[] {
  return [
    kase(
      "durability.dialogues",
      "dialogues, entities, events, summaries and links survive a reopen",
      async (ctx) => {
        await richDialogue(ctx);
        const before = { ...(await ctx.backend.dialogues.exportDialogue("d1")), exportedAt: "-" };
        const list = await ctx.eventually(() => ctx.backend.dialogues.listDialogues());
        await ctx.reopen();
        checkEqual({ ...(await ctx.backend.dialogues.exportDialogue("d1")), exportedAt: "-" }, before, "export after reopen");
        await ctx.eventually(async () => checkEqual(await ctx.backend.dialogues.listDialogues(), list, "listDialogues after reopen"));
        const t = await ctx.backend.dialogues.updateTensionStatus(
          { dialogueId: "d1", tensionId: "t2" },
          "resolved",
          {},
          { ifStatus: "open" },
        );
        checkEqual(t.status, "resolved", "a status change after reopen");
      },
      P,
    ),
    kase(
      "durability.documents",
      "documents, the search index and the id counter survive a reopen",
      async (ctx) => {
        const ids: number[] = [];
        for (const body of ["alpha beta", "beta gamma", "gamma delta"])
          ids.push(await ctx.backend.documents.addDocument({ title: "t", body, metadata: { b: body } }));
        await ctx.backend.documents.deleteDocument(ids[2]!);
        const docs = (await ctx.backend.documents.listDocumentsPage({})).items;
        const hits = await ctx.backend.documents.search("beta");
        await ctx.reopen();
        checkEqual((await ctx.backend.documents.listDocumentsPage({})).items, docs, "documents after reopen");
        checkEqual(await ctx.backend.documents.search("beta"), hits, "search after reopen");
        const next = await ctx.backend.documents.addDocument({ title: "n", body: "" });
        check(next > ids[2]!, `after reopen addDocument returned ${next}, reusing or going below the deleted id ${ids[2]}`);
      },
      P,
    ),
    kase(
      "durability.importedIds",
      "imported document ids keep later ids above them after a reopen",
      async (ctx) => {
        await ctx.backend.documents.importDocument({
          id: 500,
          title: "i",
          body: "",
          createdAt: "2025-01-01T00:00:00.000Z",
          updatedAt: "2025-01-01T00:00:00.000Z",
        });
        await ctx.reopen();
        const next = await ctx.backend.documents.addDocument({ title: "n", body: "" });
        check(next > 500, `after reopen addDocument returned ${next}, not above the imported 500`);
      },
      P,
    ),
    kase(
      "durability.links",
      "links survive a reopen",
      async (ctx) => {
        await richDialogue(ctx);
        const links = await collectPages((cursor) => ctx.backend.links.listLinksPage({ limit: 3, cursor }), 3, 20);
        await ctx.reopen();
        checkEqual(
          await collectPages((cursor) => ctx.backend.links.listLinksPage({ limit: 3, cursor }), 3, 20),
          links,
          "links after reopen",
        );
      },
      P,
    ),
    kase(
      "durability.store",
      "generic items with hostile keys survive a reopen, in byte order",
      async (ctx) => {
        for (const sk of [...HOSTILE_KEYS, ...TRAP_KEYS]) await storeOf(ctx.backend).put({ pk: "p", sk, v: sk });
        await storeOf(ctx.backend, "other").put({ pk: "p", sk: "#", v: "other" });
        const before = await storeOf(ctx.backend).query("p", "");
        await ctx.reopen();
        checkEqual(await storeOf(ctx.backend).query("p", ""), before, "query after reopen");
        checkEqual((await storeOf(ctx.backend, "other").get("p", "#"))?.v, "other", "the other store's item after reopen");
      },
      P,
    ),
    kase(
      "durability.closedHandle",
      "the closed handle stays CLOSED while a reopened one works",
      async (ctx) => {
        await ctx.backend.dialogues.createDialogue(newDialogue("d1"));
        const old = ctx.backend;
        await ctx.reopen();
        let code: string | undefined;
        await old.dialogues.getDialogue("d1").catch((e: unknown) => (code = isStoreError(e) ? e.code : "raw"));
        checkEqual(code, "CLOSED", "the old handle's error code");
        checkEqual((await ctx.backend.dialogues.getDialogue("d1"))?.id, "d1", "the reopened handle");
      },
      P,
    ),
    kase(
      "multiProcess.sharedWrites",
      "two open handles over the same data see each other's writes",
      async (ctx) => {
        const second = await ctx.openSecond();
        await ctx.backend.dialogues.createDialogue(newDialogue("d1"));
        checkEqual((await second.dialogues.getDialogue("d1"))?.id, "d1", "the second handle reads the first's dialogue");
        const id = await second.documents.addDocument({ title: "shared", body: "text" });
        checkEqual((await ctx.backend.documents.getDocument(id))?.title, "shared", "the first handle reads the second's document");
        checkEqual(
          (await ctx.backend.documents.search("shared")).map((d) => d.id),
          [id],
          "the first handle searches the second's document",
        );
      },
      M,
    ),
    kase(
      "multiProcess.atomicStatus",
      "concurrent ifStatus updates through two handles: exactly one wins",
      async (ctx) => {
        await ctx.backend.dialogues.createDialogue(newDialogue("d1"));
        await ctx.backend.dialogues.registerTension(newTension("d1", "t1"));
        const second = await ctx.openSecond();
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? second : ctx.backend).dialogues.updateTensionStatus(
              { dialogueId: "d1", tensionId: "t1" },
              "resolved",
              {},
              { ifStatus: "open" },
            ),
          ),
        );
        const won = results.filter((r) => r.status === "fulfilled").length;
        check(won === 1, `${won} of 8 callers on two handles succeeded; exactly one must`);
        checkEqual((await ctx.backend.dialogues.exportDialogue("d1")).tensions[0]?.events.length, 2, "events of t1");
      },
      M,
    ),
    kase(
      "multiProcess.documentIdsPerHandle",
      "addDocument through two handles: ids are unique across handles and increase within each handle",
      async (ctx) => {
        const second = await ctx.openSecond();
        const handles = [ctx.backend, second];
        const ids = await Promise.all(
          Array.from({ length: 8 }, (_, i) => handles[i % 2]!.documents.addDocument({ title: `t${i}`, body: "" })),
        );
        check(new Set(ids).size === 8, `ids repeat across handles: ${ids.join(", ")}`);
        const perHandle: number[][] = [[], []];
        for (let i = 0; i < 12; i++) perHandle[i % 2]!.push(await handles[i % 2]!.documents.addDocument({ title: `s${i}`, body: "" }));
        for (const [h, seq] of perHandle.entries()) {
          check(
            seq.every((id, i) => i === 0 || id > seq[i - 1]!),
            `ids of handle ${h + 1} do not increase: ${seq.join(", ")}`,
          );
        }
        const all = [...ids, ...perHandle.flat()];
        check(new Set(all).size === all.length, `ids repeat across handles: ${all.join(", ")}`);
        for (const [i, id] of ids.entries())
          checkEqual((await second.documents.getDocument(id))?.title, `t${i}`, `title of document ${id}`);
      },
      M,
    ),
    kase(
      "multiProcess.importedIdsNotReassigned",
      "no handle assigns an id another handle imported, even after that document was deleted",
      async (ctx) => {
        const second = await ctx.openSecond();
        const first = await ctx.backend.documents.addDocument({ title: "first", body: "" });
        const at = "2025-01-01T00:00:00.000Z";
        await second.documents.importDocument({ id: first + 2, title: "imported", body: "", createdAt: at, updatedAt: at });
        await second.documents.importDocument({ id: first + 3, title: "imported, then deleted", body: "", createdAt: at, updatedAt: at });
        checkEqual(await second.documents.deleteDocument(first + 3), true, `deleteDocument(${first + 3})`);
        const ids: number[] = [];
        for (let i = 0; i < 4; i++) ids.push(await ctx.backend.documents.addDocument({ title: `later ${i}`, body: "" }));
        check(
          !ids.includes(first + 2) && !ids.includes(first + 3),
          `the first handle assigned an imported id: ${ids.join(", ")} (imported ${first + 2}, ${first + 3})`,
        );
        check(
          ids.every((id, i) => id > (i === 0 ? first : ids[i - 1]!)),
          `ids of the first handle do not increase: ${[first, ...ids].join(", ")}`,
        );
        checkEqual((await ctx.backend.documents.getDocument(first + 2))?.title, "imported", `getDocument(${first + 2})`);
        checkEqual(await ctx.backend.documents.getDocument(first + 3), null, `getDocument(${first + 3})`);
      },
      M,
    ),
  ];
}
