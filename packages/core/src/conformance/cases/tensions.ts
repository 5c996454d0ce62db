import type { TensionStatus } from "../../types/entities";
import { check, checkEqual, expectStoreError } from "../assert";
import { KIT_EPOCH } from "../clock";
import type { CaseContext, ConformanceCase } from "../types";
import { kase, newDialogue, newTension } from "./helpers";

const T = { dialogueId: "d1", tensionId: "t1" };

async function oneTension(ctx: CaseContext, status?: TensionStatus): Promise<string> {
  await ctx.backend.dialogues.createDialogue(newDialogue("d1"));
  await ctx.backend.dialogues.registerTension(newTension("d1", "t1", 1, status ? { status } : {}));
  return ctx.clock.tick();
}

async function snapshot(ctx: CaseContext) {
  return {
    dialogue: await ctx.backend.dialogues.getDialogue("d1"),
    export: { ...(await ctx.backend.dialogues.exportDialogue("d1")), exportedAt: "" },
  };
}

/** updateTensionStatus: events, conditions, atomicity, counters. */
export function tensionCases(): ConformanceCase[] {
  return [
    kase("dialogues.updateTensionStatus.recordsEvent", "each status change records the next event with every given field", async (ctx) => {
      await oneTension(ctx);
      const at2 = ctx.clock.tick();
      const t = await ctx.backend.dialogues.updateTensionStatus(T, "addressed", { round: 2, actor: "Ada", note: "see p3 😀" });
      checkEqual(
        t,
        {
          dialogueId: "d1",
          id: "t1",
          round: 1,
          expert: "expert-t1",
          label: "tension t1",
          content: "content of t1",
          status: "addressed",
          createdAt: KIT_EPOCH,
          updatedAt: at2,
        },
        "returned tension",
      );
      const at3 = ctx.clock.tick();
      await ctx.backend.dialogues.updateTensionStatus(T, "resolved", { at: at3 });
      const e = await ctx.backend.dialogues.exportDialogue("d1");
      checkEqual(
        e.tensions[0]?.events,
        [
          { seq: 1, status: "open", at: KIT_EPOCH, round: 1, actor: "expert-t1" },
          { seq: 2, status: "addressed", at: at2, round: 2, actor: "Ada", note: "see p3 😀" },
          { seq: 3, status: "resolved", at: at3 },
        ],
        "events",
      );
    }),
    kase("dialogues.updateTensionStatus.sameStatus", "moving to the current status still records an event", async (ctx) => {
      await oneTension(ctx);
      await ctx.backend.dialogues.updateTensionStatus(T, "open", {});
      const e = await ctx.backend.dialogues.exportDialogue("d1");
      checkEqual(
        e.tensions[0]?.events.map((ev) => [ev.seq, ev.status]),
        [
          [1, "open"],
          [2, "open"],
        ],
        "events",
      );
    }),
    kase(
      "dialogues.updateTensionStatus.movesUpdatedAt",
      "a status change moves the tension's and the dialogue's updatedAt to the event time",
      async (ctx) => {
        await oneTension(ctx);
        const at = ctx.clock.advance(10_000);
        await ctx.backend.dialogues.updateTensionStatus(T, "addressed", {});
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        checkEqual([e.tensions[0]?.updatedAt, e.dialogue.updatedAt], [at, at], "[tension.updatedAt, dialogue.updatedAt]");
        const given = "2030-01-01T00:00:00.000Z";
        await ctx.backend.dialogues.updateTensionStatus(T, "open", { at: given });
        const e2 = await ctx.backend.dialogues.exportDialogue("d1");
        checkEqual(
          [e2.tensions[0]?.updatedAt, e2.dialogue.updatedAt],
          [given, given],
          "[tension.updatedAt, dialogue.updatedAt] after an explicit later `at`",
        );
      },
    ),
    kase(
      "dialogues.updateTensionStatus.neverBackwards",
      "an event dated in the past keeps its `at` but moves no updatedAt backwards",
      async (ctx) => {
        await oneTension(ctx);
        const now = ctx.clock.advance(10_000);
        await ctx.backend.dialogues.updateTensionStatus(T, "addressed", {});
        await ctx.backend.dialogues.updateTensionStatus(T, "resolved", { at: "2020-01-01T00:00:00.000Z" });
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        checkEqual(
          [e.tensions[0]?.updatedAt, e.dialogue.updatedAt, e.tensions[0]?.events[2]?.at],
          [now, now, "2020-01-01T00:00:00.000Z"],
          "[tension.updatedAt, dialogue.updatedAt, event.at]",
        );
      },
    ),
    kase("dialogues.updateTensionStatus.ifStatusMatch", "with ifStatus equal to the current status the change happens", async (ctx) => {
      await oneTension(ctx);
      const t = await ctx.backend.dialogues.updateTensionStatus(T, "resolved", {}, { ifStatus: "open" });
      checkEqual(t.status, "resolved", "returned status");
    }),
    kase(
      "dialogues.updateTensionStatus.ifStatusMismatch",
      "with another ifStatus it is CONDITION_FAILED and nothing changes",
      async (ctx) => {
        await oneTension(ctx);
        await ctx.backend.dialogues.updateTensionStatus(T, "addressed", {});
        const before = await snapshot(ctx);
        ctx.clock.advance(5000);
        await expectStoreError(
          () => ctx.backend.dialogues.updateTensionStatus(T, "resolved", { note: "x" }, { ifStatus: "open" }),
          "CONDITION_FAILED",
          "ifStatus open on an addressed tension",
        );
        checkEqual(await snapshot(ctx), before, "state after the failed condition");
        await ctx.eventually(async () =>
          checkEqual(
            (await ctx.backend.dialogues.listDialogues())[0]?.unresolvedTensionCount,
            1,
            "unresolvedTensionCount after the failed condition",
          ),
        );
      },
    ),
    kase("dialogues.updateTensionStatus.notFound", "a missing tension or dialogue is NOT_FOUND", async (ctx) => {
      await oneTension(ctx);
      await expectStoreError(
        () => ctx.backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "nope" }, "resolved", {}),
        "NOT_FOUND",
        "missing tension",
      );
      await expectStoreError(
        () => ctx.backend.dialogues.updateTensionStatus({ dialogueId: "nope", tensionId: "t1" }, "resolved", {}),
        "NOT_FOUND",
        "missing dialogue",
      );
    }),
    kase(
      "dialogues.updateTensionStatus.validationFirst",
      "bad arguments are VALIDATION before existence or conditions are checked",
      async (ctx) => {
        await expectStoreError(
          () => ctx.backend.dialogues.updateTensionStatus({ dialogueId: "nope", tensionId: "x" }, "done" as never, {}),
          "VALIDATION",
          "bad status, missing tension",
        );
        await oneTension(ctx);
        const before = await snapshot(ctx);
        await expectStoreError(
          () => ctx.backend.dialogues.updateTensionStatus(T, "resolved", { at: "yesterday" }),
          "VALIDATION",
          "bad event.at",
        );
        await expectStoreError(
          () => ctx.backend.dialogues.updateTensionStatus(T, "resolved", { round: -1 }),
          "VALIDATION",
          "negative event.round",
        );
        await expectStoreError(
          () => ctx.backend.dialogues.updateTensionStatus(T, "resolved", {}, { ifStatus: "closed" as never }),
          "VALIDATION",
          "bad ifStatus",
        );
        await expectStoreError(
          () => ctx.backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "a b" }, "resolved", {}),
          "VALIDATION",
          "bad tension id",
        );
        await expectStoreError(
          () => ctx.backend.dialogues.updateTensionStatus(T, "resolved", { note: "\ud800" }),
          "VALIDATION",
          "lone surrogate in note",
        );
        checkEqual(await snapshot(ctx), before, "state after rejected calls");
      },
    ),
    kase("dialogues.updateTensionStatus.counts", "status changes keep the unresolved counter exact", async (ctx) => {
      await oneTension(ctx);
      const counts = async () => (await ctx.backend.dialogues.listDialogues())[0]?.unresolvedTensionCount;
      const steps: Array<[TensionStatus, number]> = [
        ["addressed", 1],
        ["resolved", 0],
        ["resolved", 0],
        ["open", 1],
        ["resolved", 0],
      ];
      for (const [status, expected] of steps) {
        ctx.clock.tick();
        await ctx.backend.dialogues.updateTensionStatus(T, status, {});
        await ctx.eventually(async () => checkEqual(await counts(), expected, `unresolvedTensionCount after moving to ${status}`));
      }
    }),
    kase(
      "dialogues.updateTensionStatus.atomic",
      "of 8 concurrent updates with the same ifStatus exactly one wins; events stay contiguous",
      async (ctx) => {
        await oneTension(ctx);
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            ctx.backend.dialogues.updateTensionStatus(T, i % 2 ? "resolved" : "addressed", { note: `caller ${i}` }, { ifStatus: "open" }),
          ),
        );
        const won = results.filter((r) => r.status === "fulfilled");
        check(won.length === 1, `${won.length} of 8 concurrent callers with ifStatus "open" succeeded; exactly one must`);
        for (const r of results) {
          if (r.status === "rejected") {
            const e = r.reason as { code?: string };
            check(e?.code === "CONDITION_FAILED", `a losing caller failed with ${String(e?.code ?? r.reason)}, not CONDITION_FAILED`);
          }
        }
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        const t = e.tensions[0]!;
        checkEqual(
          t.events.map((ev) => ev.seq),
          [1, 2],
          "event seqs",
        );
        check(t.status === t.events[1]?.status, `tension status ${t.status} is not its last event's status ${t.events[1]?.status}`);
        await ctx.eventually(async () => {
          const [s] = await ctx.backend.dialogues.listDialogues();
          checkEqual(s?.unresolvedTensionCount, t.status === "resolved" ? 0 : 1, "unresolvedTensionCount");
        });
      },
    ),
    kase(
      "dialogues.updateTensionStatus.concurrentContiguous",
      "8 concurrent unconditional updates all land, as events 2..9",
      async (ctx) => {
        await oneTension(ctx);
        const statuses: TensionStatus[] = ["addressed", "resolved", "open", "resolved", "addressed", "open", "resolved", "addressed"];
        await Promise.all(statuses.map((s, i) => ctx.backend.dialogues.updateTensionStatus(T, s, { note: `n${i}` })));
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        const t = e.tensions[0]!;
        checkEqual(
          t.events.map((ev) => ev.seq),
          [1, 2, 3, 4, 5, 6, 7, 8, 9],
          "event seqs",
        );
        checkEqual(
          [...t.events.slice(1).map((ev) => ev.note)].sort(),
          statuses.map((_, i) => `n${i}`),
          "notes of the recorded events",
        );
        check(t.status === t.events[8]?.status, `tension status ${t.status} is not its last event's status`);
        await ctx.eventually(async () => {
          const [s] = await ctx.backend.dialogues.listDialogues();
          checkEqual(s?.unresolvedTensionCount, t.status === "resolved" ? 0 : 1, "unresolvedTensionCount");
        });
      },
    ),
  ];
}
