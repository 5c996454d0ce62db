import { isStoreError } from "../../errors";
import { check, checkEqual } from "../assert";
import type { ConformanceCase } from "../types";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";

/** Writers on one item in the contention cases: "moderate contention" that every backend must absorb. */
export const CONTENDING_WRITERS = 30;
const W = CONTENDING_WRITERS;
/** Writers that lose back off and retry: on a loaded machine a case may take tens of seconds. */
const SLOW = { timeoutMs: 120_000, tags: ["slow"] };

/** Every one of the settled calls succeeded (no UNAVAILABLE because others wrote the same item). */
function allSucceeded(results: PromiseSettledResult<unknown>[], what: string): void {
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  const codes = failed.map((r) => (isStoreError(r.reason) ? r.reason.code : String(r.reason)));
  check(
    failed.length === 0,
    `${what}: ${failed.length} of ${results.length} concurrent writers failed (${[...new Set(codes)].join(", ")}); all must succeed`,
  );
}

/** Many writers on one item: unconditional writes all succeed, whatever the backend's concurrency control. */
export function contentionCases(): ConformanceCase[] {
  return [
    kase(
      "concurrency.contention.statusChanges",
      `${W} concurrent status changes of one tension (no ifStatus) all succeed, with events 1…${W + 1}`,
      async (ctx) => {
        const { backend } = ctx;
        await backend.dialogues.createDialogue(newDialogue("d1"));
        await backend.dialogues.registerTension(newTension("d1", "t1"));
        const T = { dialogueId: "d1", tensionId: "t1" };
        const results = await Promise.allSettled(
          Array.from({ length: W }, (_, i) =>
            backend.dialogues.updateTensionStatus(T, i % 3 === 0 ? "resolved" : "addressed", { note: `writer ${i}` }),
          ),
        );
        allSucceeded(results, "updateTensionStatus");
        const [t] = (await backend.dialogues.exportDialogue("d1")).tensions;
        checkEqual(
          t?.events.map((e) => e.seq),
          Array.from({ length: W + 1 }, (_, i) => i + 1),
          "event seqs",
        );
        checkEqual([...new Set(t?.events.slice(1).map((e) => e.note))].length, W, "one event per writer");
        checkEqual(t?.status, t?.events[W]?.status, "the tension's status (its last event's)");
        await ctx.eventually(async () => {
          const [s] = await backend.dialogues.listDialogues();
          checkEqual(s?.unresolvedTensionCount, t?.status === "resolved" ? 0 : 1, "unresolvedTensionCount");
        });
      },
      SLOW,
    ),
    kase(
      "concurrency.contention.updates",
      `${W} concurrent updates of one dialogue, and of one document, all succeed; one writer's value is kept`,
      async ({ backend }) => {
        await backend.dialogues.createDialogue(newDialogue("d1"));
        const doc = await backend.documents.addDocument({ title: "t", body: "b" });
        const titles = Array.from({ length: W }, (_, i) => `title ${i}`);
        allSucceeded(await Promise.allSettled(titles.map((title) => backend.dialogues.updateDialogue("d1", { title }))), "updateDialogue");
        allSucceeded(
          await Promise.allSettled(titles.map((title) => backend.documents.updateDocument(doc, { title, body: title }))),
          "updateDocument",
        );
        const d = await backend.dialogues.getDialogue("d1");
        check(d !== null && titles.includes(d.title), `the dialogue's title ${JSON.stringify(d?.title)} is none of the writers'`);
        const got = await backend.documents.getDocument(doc);
        check(
          got !== null && titles.includes(got.title) && got.body === got.title,
          `the document ${JSON.stringify(got && [got.title, got.body])} is not one writer's whole update`,
        );
        checkEqual(
          (await backend.documents.search(got!.title)).map((x) => x.id),
          [doc],
          "search finds the kept update",
        );
      },
      SLOW,
    ),
    kase(
      "concurrency.contention.registrations",
      `${W} concurrent registrations of distinct perspectives and of distinct tensions in one dialogue all succeed and are counted`,
      async (ctx) => {
        const { backend } = ctx;
        await backend.dialogues.createDialogue(newDialogue("d1"));
        const ids = Array.from({ length: W }, (_, i) => `x${i}`);
        allSucceeded(
          await Promise.allSettled(ids.map((id) => backend.dialogues.registerPerspective(newPerspective("d1", id)))),
          "registerPerspective",
        );
        allSucceeded(await Promise.allSettled(ids.map((id) => backend.dialogues.registerTension(newTension("d1", id)))), "registerTension");
        const e = await backend.dialogues.exportDialogue("d1");
        checkEqual([e.perspectives.length, e.tensions.length], [W, W], "exported perspectives and tensions");
        await ctx.eventually(async () => {
          const [s] = await backend.dialogues.listDialogues();
          checkEqual(s && [s.perspectiveCount, s.tensionCount, s.unresolvedTensionCount], [W, W, W], "summary counts");
        });
      },
      SLOW,
    ),
  ];
}
