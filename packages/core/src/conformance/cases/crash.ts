import { createMemoryStorage } from "../../memory";
import type { JsonValue } from "../../types/json";
import type { StorageBackend } from "../../types/stores";
import { check, ConformanceAssertionError, differences } from "../assert";
import { runStep } from "../processes/dispatch";
import type { Outcome, Step } from "../processes/types";
import type { CaseContext, ConformanceCase } from "../types";
import { crashDialogueIds, crashSnapshot, crashSteps } from "./crash-steps";
import { kase } from "./helpers";

/** Kill rounds per case; each kills a fresh writer once. */
export const CRASH_ROUNDS = 3;
const STEPS = 36;
const C = { requires: ["worker" as const, "persistent" as const], tags: ["durability", "processes", "crash", "slow"], timeoutMs: 120_000 };

/** The model: the round's steps on the memory backend, and the snapshot after each prefix (0…n steps). */
async function modelSnapshots(steps: Step[], clock: () => Date, round: number, ids: string[]): Promise<JsonValue[]> {
  const model = createMemoryStorage({ clock });
  const results: Outcome[] = [];
  const snapshots = [await crashSnapshot(model, round, ids)];
  for (const [i, step] of steps.entries()) {
    const o = await runStep(model, step, results);
    if (!o.ok)
      throw new ConformanceAssertionError(`the kit's crash step ${i} (${step.call}) failed on the memory model: ${o.code} ${o.message}`);
    results.push(o);
    snapshots.push(await crashSnapshot(model, round, ids));
  }
  return snapshots;
}

/** Internal consistency after a kill: summary counters match exports; listed documents are gettable and searchable. */
async function checkConsistent(b: StorageBackend, round: number, ids: string[]): Promise<void> {
  const summaries = new Map((await b.dialogues.listDialogues()).map((s) => [s.id, s]));
  for (const id of ids) {
    const e = await b.dialogues.exportDialogue(id).catch(() => null);
    const s = summaries.get(id);
    check(
      (e === null) === (s === undefined),
      `dialogue ${id}: ${e ? "exportable but not listed" : "listed but not exportable"} after the kill`,
    );
    if (!e || !s) continue;
    const counts = [e.perspectives.length, e.tensions.length, e.tensions.filter((t) => t.status !== "resolved").length];
    check(
      JSON.stringify([s.perspectiveCount, s.tensionCount, s.unresolvedTensionCount]) === JSON.stringify(counts),
      `dialogue ${id}: summary counts ${[s.perspectiveCount, s.tensionCount, s.unresolvedTensionCount].join("/")} but the export holds ${counts.join("/")} (perspectives/tensions/unresolved)`,
    );
  }
  for await (const d of b.documents.iterateDocuments()) {
    if (!d.title.startsWith(`r${round}-`)) continue;
    const got = await b.documents.getDocument(d.id);
    check(
      got !== null && got.body === d.body,
      `document ${d.id} is listed but getDocument returns ${got === null ? "null" : "another body"}`,
    );
    const term = d.body.split(" ")[0]!;
    check(
      (await b.documents.search(term)).some((x) => x.id === d.id),
      `document ${d.id} is listed but search(${JSON.stringify(term)}) does not find it`,
    );
  }
}

/**
 * One crash round: a writer process runs the seeded steps, acknowledging each; the kit
 * SIGKILLs it right after acknowledgement `killAt` (idle, paused there, on even rounds; while it
 * keeps writing on odd ones), reopens the data here and finds the state of some prefix of the
 * steps that holds every acknowledged one.
 */
async function crashRound(
  ctx: CaseContext,
  round: number,
  multi: boolean,
  earlier: Map<number, { ids: string[]; state: JsonValue }>,
): Promise<void> {
  const steps = await crashSteps(ctx.rng, round, STEPS, multi, ctx.clock);
  const ids = crashDialogueIds(steps);
  const killAt = ctx.rng.int(2, STEPS - 6);
  const idle = round % 2 === 0;
  const writer = await ctx.startProcess();
  const acks = await writer.run(steps, {
    ...(idle ? { pauseAfter: killAt } : {}),
    onAck: (i) => {
      if (i === killAt) void writer.kill();
    },
  });
  await writer.kill();
  for (const [i, o] of acks.entries())
    check(o.ok, `round ${round}: the writer's step ${i} (${steps[i]!.call}) failed: ${o.ok ? "" : `${o.code} ${o.message}`}`);
  check(
    acks.length >= killAt + 1,
    `round ${round}: the writer stopped after ${acks.length} acknowledgements, before the kill at ${killAt + 1}`,
  );
  const b = await ctx.reopen();
  const snapshots = await modelSnapshots(steps, ctx.clock, round, ids);
  const where = `round ${round} (${idle ? "killed while idle" : "killed while writing"} after ${acks.length} acknowledged of ${steps.length} steps)`;
  await ctx.eventually(async () => {
    const state = await crashSnapshot(b, round, ids);
    const match = snapshots.findIndex((s, n) => n >= acks.length && differences(s, state).length === 0);
    if (match < 0) {
      const diff = differences(state, snapshots[acks.length]).slice(0, 6).join("\n  ");
      throw new ConformanceAssertionError(
        `${where}: the reopened data is not the state after any prefix of the steps that holds every acknowledged write; against the state after the ${acks.length} acknowledged ones:\n  ${diff}`,
      );
    }
    await checkConsistent(b, round, ids);
    earlier.set(round, { ids, state });
  });
  for (const [r, { ids: rIds, state }] of earlier) {
    if (r === round) continue;
    const now = await crashSnapshot(b, r, rIds);
    const diff = differences(now, state);
    check(diff.length === 0, `${where}: the data of round ${r} changed:\n  ${diff.slice(0, 6).join("\n  ")}`);
  }
}

async function crashRounds(ctx: CaseContext, multi: boolean): Promise<void> {
  const earlier = new Map<number, { ids: string[]; state: JsonValue }>();
  for (let round = 0; round < CRASH_ROUNDS; round++) await crashRound(ctx, round, multi, earlier);
}

/** SIGKILL at seeded moments: acknowledged writes survive, and nothing is left half done. */
export function crashCases(): ConformanceCase[] {
  return [
    kase(
      "crash.acknowledgedWritesSurvive",
      `a writer process SIGKILLed at ${CRASH_ROUNDS} seeded moments: every acknowledged write survives, unacknowledged ones are whole or absent`,
      (ctx) => crashRounds(ctx, false),
      C,
    ),
    kase(
      "crash.consistentAfterKill",
      `writers killed during imports, cascading deletes, batches and transactions: no partial write is visible; counters match exports; listed documents are gettable and searchable`,
      (ctx) => crashRounds(ctx, true),
      C,
    ),
  ];
}
