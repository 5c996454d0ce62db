import type { JsonValue } from "../../types/json";
import { check, checkEqual } from "../assert";
import type { KitProcess, Outcome, Step } from "../processes/types";
import type { CaseContext, ConformanceCase } from "../types";
import { storeOf } from "./generic";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";

/** Real processes: each case starts `PROCESSES` workers over one namespace and runs them at once. */
export const PROCESSES = 3;
const R = { requires: ["worker" as const, "multiProcess" as const], tags: ["multi-process", "processes", "slow"], timeoutMs: 120_000 };

const call = (c: string, ...args: JsonValue[]): Step => ({ call: c, args });
const describeOutcome = (o: Outcome | undefined) => (o === undefined ? "no outcome" : o.ok ? "succeeded" : `${o.code}: ${o.message}`);

/**
 * Starts the workers (in parallel), then runs their steps in lockstep: step i of every process
 * is sent to all of them at once, and step i + 1 only when all have acknowledged step i, so
 * every step is a fresh race even when the scheduler would let one process run ahead.
 */
async function runTogether(ctx: CaseContext, stepsOf: (w: number) => Step[]): Promise<Outcome[][]> {
  const procs: KitProcess[] = await Promise.all(Array.from({ length: PROCESSES }, () => ctx.startProcess()));
  const all = procs.map((_, w) => stepsOf(w));
  const outcomes: Outcome[][] = procs.map(() => []);
  for (let i = 0; i < Math.max(...all.map((s) => s.length)); i++) {
    const round = await Promise.all(procs.map((p, w) => (all[w]![i] ? p.run([all[w]![i]!]) : Promise.resolve([]))));
    for (const [w, r] of round.entries()) outcomes[w]!.push(...r);
  }
  for (const [w, list] of outcomes.entries()) {
    for (const [i, o] of list.entries())
      check(o.ok || o.code !== "RAW", `process ${w} step ${i}: a raw error reached the caller (${describeOutcome(o)})`);
  }
  return outcomes;
}

/** The step succeeded or failed with `code`. */
const failedWith = (o: Outcome | undefined, code: string) => o !== undefined && (o.ok || o.code === code);

/** Every step of every process succeeded. */
function allOk(outcomes: Outcome[][], steps: (w: number) => Step[]): void {
  for (const [w, list] of outcomes.entries()) {
    for (const [i, o] of list.entries()) check(o.ok, `process ${w}, step ${i} (${steps(w)[i]?.call}) failed: ${describeOutcome(o)}`);
  }
}

/** The multi-process rules across real processes: atomic conditions, unique ids, exact counters, no lost writes. */
export function processCases(): ConformanceCase[] {
  return [
    kase(
      "processes.concurrentStatus",
      `${PROCESSES} processes race ifStatus updates on the same tensions: exactly one wins each`,
      async (ctx) => {
        const T = 12;
        await ctx.backend.dialogues.createDialogue(newDialogue("d1"));
        for (let i = 0; i < T; i++) await ctx.backend.dialogues.registerTension(newTension("d1", `t${i}`));
        const steps = (w: number) =>
          Array.from({ length: T }, (_, i) =>
            call(
              "dialogues.updateTensionStatus",
              { dialogueId: "d1", tensionId: `t${i}` },
              "resolved",
              { note: `process ${w}` },
              { ifStatus: "open" },
            ),
          );
        const outcomes = await runTogether(ctx, steps);
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        for (let i = 0; i < T; i++) {
          const winners = outcomes.map((list, w) => [w, list[i]] as const).filter(([, o]) => o?.ok);
          check(
            winners.length === 1,
            `tension t${i}: ${winners.length} of ${PROCESSES} processes won the ifStatus "open" update; exactly one must`,
          );
          for (const list of outcomes)
            check(
              failedWith(list[i], "CONDITION_FAILED"),
              `tension t${i}: a losing process failed with ${describeOutcome(list[i])}, not CONDITION_FAILED`,
            );
          const t = e.tensions.find((x) => x.id === `t${i}`);
          checkEqual(
            t?.events.map((ev) => [ev.seq, ev.status, ev.note ?? null]),
            [
              [1, "open", null],
              [2, "resolved", `process ${winners[0]![0]}`],
            ],
            `events of t${i}`,
          );
        }
        await ctx.eventually(async () =>
          checkEqual((await ctx.backend.dialogues.listDialogues())[0]?.unresolvedTensionCount, 0, "unresolvedTensionCount"),
        );
      },
      R,
    ),
    kase(
      "processes.documentIds",
      `${PROCESSES} processes add documents at once: ids unique, increasing per process, every document stored and searchable`,
      async (ctx) => {
        const N = 12;
        const steps = (w: number) =>
          Array.from({ length: N }, (_, i) => call("documents.addDocument", { title: `w${w}-${i}`, body: `text w${w}x${i}` }));
        const outcomes = await runTogether(ctx, steps);
        allOk(outcomes, steps);
        const ids = outcomes.map((list) => list.map((o) => (o.ok ? (o.value as number) : -1)));
        const all = ids.flat();
        check(new Set(all).size === all.length, `document ids repeat across processes: ${ids.map((l) => l.join(",")).join(" | ")}`);
        for (const [w, seq] of ids.entries())
          check(
            seq.every((id, i) => i === 0 || id > seq[i - 1]!),
            `ids of process ${w} do not increase: ${seq.join(", ")}`,
          );
        const stored: Array<[number, string]> = [];
        for await (const d of ctx.backend.documents.iterateDocuments()) stored.push([d.id, d.title]);
        const expected = ids.flatMap((seq, w) => seq.map((id, i) => [id, `w${w}-${i}`] as [number, string])).sort((a, b) => a[0] - b[0]);
        checkEqual(stored, expected, "stored documents (id, title)");
        for (const w of [0, PROCESSES - 1])
          checkEqual(
            (await ctx.backend.documents.search(`w${w}x${N - 1}`)).map((d) => d.id),
            [ids[w]![N - 1]],
            `search for process ${w}'s last document`,
          );
      },
      R,
    ),
    kase(
      "processes.counters",
      `${PROCESSES} processes register perspectives and tensions and move tensions at once: counters and exports are exact`,
      async (ctx) => {
        const K = 8;
        await ctx.backend.dialogues.createDialogue(newDialogue("d1"));
        const steps = (w: number) =>
          Array.from({ length: K }, (_, i) => [
            call("dialogues.registerPerspective", newPerspective("d1", `w${w}p${i}`) as unknown as JsonValue),
            call("dialogues.registerTension", newTension("d1", `w${w}t${i}`) as unknown as JsonValue),
            ...(i % 2 === 0 ? [call("dialogues.updateTensionStatus", { dialogueId: "d1", tensionId: `w${w}t${i}` }, "resolved", {})] : []),
          ]).flat();
        allOk(await runTogether(ctx, steps), steps);
        const e = await ctx.backend.dialogues.exportDialogue("d1");
        const total = PROCESSES * K;
        checkEqual([e.perspectives.length, e.tensions.length], [total, total], "exported perspectives and tensions");
        const resolved = e.tensions
          .filter((t) => t.status === "resolved")
          .map((t) => t.id)
          .sort();
        const expectedResolved = Array.from({ length: PROCESSES }, (_, w) =>
          Array.from({ length: K }, (_, i) => (i % 2 === 0 ? `w${w}t${i}` : "")),
        )
          .flat()
          .filter(Boolean)
          .sort();
        checkEqual(resolved, expectedResolved, "resolved tensions");
        await ctx.eventually(async () => {
          const [s] = await ctx.backend.dialogues.listDialogues();
          checkEqual(
            s && [s.perspectiveCount, s.tensionCount, s.unresolvedTensionCount],
            [total, total, total - expectedResolved.length],
            "summary counts",
          );
        });
      },
      R,
    ),
    kase(
      "processes.genericPuts",
      `${PROCESSES} processes put generic items at once: none lost, ifNotExists races have exactly one winner`,
      async (ctx) => {
        const N = 10;
        const steps = (w: number) =>
          Array.from({ length: N }, (_, i) => [
            call("store:items.put", { pk: "own", sk: `w${w}-${String(i).padStart(2, "0")}`, v: w }),
            call("store:items.put", { pk: "shared", sk: `k${i}`, v: w }, { ifNotExists: true }),
          ]).flat();
        const outcomes = await runTogether(ctx, steps);
        const s = storeOf(ctx.backend);
        const own = (await s.query("own", "")).map((i) => i.sk);
        const expectedOwn = Array.from({ length: PROCESSES }, (_, w) =>
          Array.from({ length: N }, (_, i) => `w${w}-${String(i).padStart(2, "0")}`),
        )
          .flat()
          .sort();
        checkEqual(own, expectedOwn, "the items of pk own");
        for (const list of outcomes)
          for (let i = 0; i < N; i++) check(list[2 * i]!.ok, `an unconditional put failed: ${describeOutcome(list[2 * i])}`);
        for (let i = 0; i < N; i++) {
          const winners = outcomes.map((list, w) => [w, list[2 * i + 1]] as const).filter(([, o]) => o?.ok);
          check(winners.length === 1, `shared key k${i}: ${winners.length} of ${PROCESSES} ifNotExists puts succeeded; exactly one must`);
          for (const list of outcomes)
            check(
              failedWith(list[2 * i + 1], "ALREADY_EXISTS"),
              `shared key k${i}: a losing put failed with ${describeOutcome(list[2 * i + 1])}, not ALREADY_EXISTS`,
            );
          checkEqual((await s.get("shared", `k${i}`))?.v, winners[0]![0], `the value of k${i} (the winner's)`);
        }
      },
      R,
    ),
  ];
}
