import type { DialogueStatus, DialogueSummary } from "../../types/entities";
import { check, checkEqual, expectStoreError } from "../assert";
import type { CaseContext, ConformanceCase } from "../types";
import { collectPages, kase, newDialogue, newTension, pageSizes } from "./helpers";

/** Creates dialogues with colliding and distinct updatedAt values, in a shuffled order; returns the expected listing order. */
async function seedListing(ctx: CaseContext, n: number): Promise<string[]> {
  const statuses: DialogueStatus[] = ["open", "converged", "abandoned"];
  const plan = Array.from({ length: n }, (_, i) => ({ id: `d${String(i).padStart(2, "0")}`, slot: i % 4, status: statuses[i % 3]! }));
  for (const p of ctx.rng.shuffle(plan)) {
    await ctx.backend.dialogues.createDialogue(newDialogue(p.id, { status: p.status, createdAt: `2026-01-0${p.slot + 1}T00:00:00.000Z` }));
  }
  return plan.sort((a, b) => b.slot - a.slot || (a.id < b.id ? -1 : 1)).map((p) => p.id);
}

const ids = (xs: DialogueSummary[]) => xs.map((x) => x.id);

/** listDialogues and listDialoguesPage: order, filters, paging, cursors. */
export function listingCases(): ConformanceCase[] {
  return [
    kase("dialogues.listDialogues.order", "by updatedAt descending, then id ascending", async (ctx) => {
      const expected = await seedListing(ctx, 12);
      await ctx.eventually(async () => checkEqual(ids(await ctx.backend.dialogues.listDialogues()), expected, "listDialogues ids"));
    }),
    kase("dialogues.listDialogues.followsUpdates", "a write that moves updatedAt moves the dialogue to the front", async (ctx) => {
      for (const id of ["a", "b", "c"]) {
        await ctx.backend.dialogues.createDialogue(newDialogue(id));
        ctx.clock.tick();
      }
      await ctx.backend.dialogues.registerTension(newTension("a", "t1"));
      ctx.clock.tick();
      await ctx.backend.dialogues.updateDialogue("b", { title: "b2" });
      await ctx.eventually(async () => checkEqual(ids(await ctx.backend.dialogues.listDialogues()), ["b", "a", "c"], "listDialogues ids"));
      ctx.clock.tick();
      await ctx.backend.dialogues.updateTensionStatus({ dialogueId: "a", tensionId: "t1" }, "resolved", {});
      await ctx.eventually(async () => {
        const list = await ctx.backend.dialogues.listDialogues();
        checkEqual(ids(list), ["a", "b", "c"], "listDialogues ids after a status change");
        checkEqual(list[0]?.unresolvedTensionCount, 0, "unresolvedTensionCount of a");
      });
    }),
    kase("dialogues.listDialogues.statusFilter", "a status filter returns only that status, in the same order", async (ctx) => {
      const expected = await seedListing(ctx, 9);
      const all = await ctx.eventually(async () => {
        const list = await ctx.backend.dialogues.listDialogues();
        checkEqual(ids(list), expected, "listDialogues ids");
        return list;
      });
      for (const status of ["open", "converged", "abandoned"] as const) {
        checkEqual(
          ids(await ctx.backend.dialogues.listDialogues(status)),
          ids(all.filter((s) => s.status === status)),
          `listDialogues(${status})`,
        );
      }
      await ctx.backend.dialogues.updateDialogue("d00", { status: "abandoned" });
      await ctx.eventually(async () =>
        check(
          ids(await ctx.backend.dialogues.listDialogues("open")).every((id) => id !== "d00"),
          "d00 is still listed as open after it was abandoned",
        ),
      );
    }),
    kase("dialogues.listDialogues.invalidStatus", "an unknown status filter is VALIDATION", async ({ backend }) => {
      await expectStoreError(() => backend.dialogues.listDialogues("closed" as never), "VALIDATION", "listDialogues('closed')");
      await expectStoreError(
        () => backend.dialogues.listDialoguesPage({ status: "closed" as never }),
        "VALIDATION",
        "listDialoguesPage({status:'closed'})",
      );
    }),
    kase(
      "dialogues.listDialoguesPage.everyPageSize",
      "paging returns every dialogue exactly once, in order, for page sizes 1..n+1",
      async (ctx) => {
        const expected = await seedListing(ctx, 9);
        await ctx.eventually(async () => checkEqual(ids(await ctx.backend.dialogues.listDialogues()), expected, "listDialogues ids"));
        for (const limit of pageSizes(expected.length)) {
          const got = await collectPages((cursor) => ctx.backend.dialogues.listDialoguesPage({ limit, cursor }), limit, expected.length);
          checkEqual(ids(got), expected, `paged ids with limit ${limit}`);
        }
      },
    ),
    kase("dialogues.listDialoguesPage.statusFilter", "paging with a status filter returns that status's listing", async (ctx) => {
      const all = await seedListing(ctx, 10);
      await ctx.eventually(async () => checkEqual(ids(await ctx.backend.dialogues.listDialogues()), all, "listDialogues ids"));
      for (const status of ["open", "converged", "abandoned"] as const) {
        const expected = ids(await ctx.backend.dialogues.listDialogues(status));
        for (const limit of [1, 2, 3]) {
          const got = await collectPages(
            (cursor) => ctx.backend.dialogues.listDialoguesPage({ status, limit, cursor }),
            limit,
            expected.length,
          );
          checkEqual(ids(got), expected, `paged ${status} ids with limit ${limit}`);
        }
      }
    }),
    kase("dialogues.listDialoguesPage.lastPage", "an exact last page has no cursor; an empty listing is one empty page", async (ctx) => {
      const empty = await ctx.backend.dialogues.listDialoguesPage({});
      checkEqual(empty, { items: [] }, "empty listing");
      await seedListing(ctx, 4);
      await ctx.eventually(async () => checkEqual((await ctx.backend.dialogues.listDialogues()).length, 4, "listed dialogues"));
      const page = await ctx.backend.dialogues.listDialoguesPage({ limit: 4 });
      check(
        page.items.length === 4 && page.cursor === undefined,
        `a page holding all 4 dialogues must have no cursor (got ${page.items.length} items, cursor ${JSON.stringify(page.cursor)})`,
      );
    }),
    kase(
      "dialogues.listDialoguesPage.defaultLimit",
      "the default page size is 100",
      async (ctx) => {
        for (let i = 0; i < 101; i++) await ctx.backend.dialogues.createDialogue(newDialogue(`d${i}`));
        await ctx.eventually(async () => checkEqual((await ctx.backend.dialogues.listDialogues()).length, 101, "listed dialogues"));
        const page = await ctx.backend.dialogues.listDialoguesPage({});
        check(
          page.items.length === 100 && typeof page.cursor === "string",
          `the first default page held ${page.items.length} items (cursor ${JSON.stringify(page.cursor)}); expected 100 and a cursor`,
        );
        const rest = await ctx.backend.dialogues.listDialoguesPage({ cursor: page.cursor });
        checkEqual(rest.items.length, 1, "items on the second default page");
      },
      { tags: ["slow"] },
    ),
    kase("dialogues.listDialoguesPage.badLimit", "limits outside 1..1000 or not integers are VALIDATION", async ({ backend }) => {
      for (const limit of [0, -1, 1001, 1.5, Number.NaN, "10" as never]) {
        await expectStoreError(() => backend.dialogues.listDialoguesPage({ limit }), "VALIDATION", `limit ${String(limit)}`);
      }
      checkEqual((await backend.dialogues.listDialoguesPage({ limit: 1000 })).items, [], "limit 1000");
    }),
    kase("dialogues.listDialoguesPage.badCursor", "garbage, foreign and other-filter cursors are VALIDATION", async (ctx) => {
      await seedListing(ctx, 6);
      await ctx.backend.documents.addDocument({ title: "a", body: "b" });
      await ctx.backend.documents.addDocument({ title: "a", body: "b" });
      const own = await ctx.eventually(async () => {
        const p = await ctx.backend.dialogues.listDialoguesPage({ limit: 2 });
        check(p.cursor !== undefined, "a first page of 2 out of 6 must have a cursor");
        return p.cursor!;
      });
      const openCursor = (await ctx.backend.dialogues.listDialoguesPage({ limit: 1, status: "open" })).cursor;
      const docCursor = (await ctx.backend.documents.listDocumentsPage({ limit: 1 })).cursor;
      for (const [what, cursor] of [
        ["garbage", "not-a-cursor"],
        ["empty", ""],
        ["truncated", own.slice(0, Math.max(1, own.length - 3))],
        ["a documents cursor", docCursor],
        ["a JSON text", '{"after":"d01"}'],
      ] as const) {
        await expectStoreError(
          () => ctx.backend.dialogues.listDialoguesPage({ limit: 2, cursor: cursor as string }),
          "VALIDATION",
          `cursor: ${what}`,
        );
      }
      check(openCursor !== undefined, "a first page of open dialogues must have a cursor");
      await expectStoreError(
        () => ctx.backend.dialogues.listDialoguesPage({ limit: 2, cursor: openCursor, status: "converged" }),
        "VALIDATION",
        "cursor of the open listing used with status converged",
      );
    }),
    kase(
      "dialogues.listDialoguesPage.stableUnderWrites",
      "a dialogue that does not change is neither skipped nor repeated when others are added between pages",
      async (ctx) => {
        for (let i = 0; i < 6; i++) await ctx.backend.dialogues.createDialogue(newDialogue(`d${i}`));
        await ctx.eventually(async () => checkEqual((await ctx.backend.dialogues.listDialogues()).length, 6, "listed dialogues"));
        const first = await ctx.backend.dialogues.listDialoguesPage({ limit: 3 });
        ctx.clock.tick();
        await ctx.backend.dialogues.createDialogue(newDialogue("new"));
        await ctx.eventually(async () => {
          const rest = await collectPages(
            (cursor) => ctx.backend.dialogues.listDialoguesPage({ limit: 3, cursor: cursor ?? first.cursor }),
            3,
            10,
          );
          checkEqual([...ids(first.items), ...ids(rest)], ["d0", "d1", "d2", "d3", "d4", "d5"], "ids over both pages");
        });
      },
    ),
  ];
}
