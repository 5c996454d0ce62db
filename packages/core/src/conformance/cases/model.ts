import * as fc from "fast-check";
import { createMemoryStorage } from "../../memory";
import { differences, escapeHard, failCase } from "../assert";
import { KIT_EPOCH } from "../clock";
import type { CaseContext, ConformanceCase } from "../types";
import { kase } from "./helpers";
import { dialogueCommand, documentCommand, linkCommand, Runner, SETUP, storeBatchCommand, storeCommand, type Command } from "./model-commands";

const NUM_RUNS = 20;
const MAX_COMMANDS = 30;
/** Shrinking stops after this long (the failure found so far is reported). */
const SHRINK_BUDGET_MS = 25_000;

/** Runs one command sequence on a fresh backend and on the memory model; throws at the first difference. */
async function compareRun(ctx: CaseContext, setup: Command[], tail: Command[]): Promise<void> {
  const commands = [...setup, ...tail];
  ctx.clock.set(KIT_EPOCH);
  const backend = await ctx.freshBackend();
  try {
    const sut = new Runner(backend);
    const model = new Runner(createMemoryStorage({ clock: ctx.clock, name: "model" }));
    for (const [i, c] of commands.entries()) {
      if (c.t === "tick") ctx.clock.advance(c.ms);
      const want = await model.run(c);
      // Listings may lag behind writes on "eventual" backends: retry those (bounded).
      const step = async () => {
        const got = await sut.run(c);
        const diff = differences(got, want);
        if (diff.length > 0) throw new Error(`step ${i + 1} ${escapeHard(JSON.stringify(c))}: the backend differs from the memory model:\n  ${diff.join("\n  ")}`);
      };
      await (c.t === "listDialogues" || c.t === "listDialoguesPage" ? ctx.eventually(step) : step());
    }
    const want = await model.state();
    await ctx.eventually(async () => {
      const diff = differences(await sut.state(), want);
      if (diff.length > 0) throw new Error(`final state differs from the memory model:\n  ${diff.join("\n  ")}`);
    });
  } finally {
    await ctx.release(backend);
  }
}

function modelCase(id: string, title: string, setup: Command[], command: fc.Arbitrary<Command>): ConformanceCase {
  return kase(id, title, async (ctx) => {
    const property = fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: MAX_COMMANDS }), (commands) => compareRun(ctx, setup, commands));
    const details = await fc.check(property, { numRuns: NUM_RUNS, seed: ctx.seed | 0, interruptAfterTimeLimit: SHRINK_BUDGET_MS * 2, markInterruptAsFailure: false, endOnFailure: false });
    if (details.failed) {
      const shrunk = details.counterexample?.[0] as Command[] | undefined;
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      failCase(`a command sequence diverged from the memory model after ${details.numRuns} runs and ${details.numShrinks} shrinks.\nsetup ${escapeHard(JSON.stringify(setup))}\nthen the minimal sequence (${shrunk?.length ?? "?"} commands): ${escapeHard(JSON.stringify(shrunk))}\n${cause}\nfast-check seed ${details.seed}, path ${JSON.stringify(details.counterexamplePath)}`);
    }
  }, { tags: ["model-based"], timeoutMs: 120_000 });
}

/** fast-check command sequences compared step by step with `createMemoryStorage`. */
export function modelCases(): ConformanceCase[] {
  return [
    modelCase("model.dialogues", "random dialogue, tension and import commands behave like the memory model", SETUP.dialogues, dialogueCommand),
    modelCase("model.documents", "random document and search commands behave like the memory model", SETUP.documents, documentCommand),
    modelCase("model.links", "random link commands (with cascading deletes) behave like the memory model", SETUP.links, linkCommand),
    modelCase("model.store", "random generic-store commands behave like the memory model", SETUP.store, storeCommand),
    modelCase("model.storeBatches", "random generic-store commands with expiry, batches, transactions and iteration behave like the memory model", SETUP.store, storeBatchCommand),
    modelCase("model.mixed", "random commands over the whole API behave like the memory model", [...SETUP.dialogues, ...SETUP.links, ...SETUP.store], fc.oneof(dialogueCommand, documentCommand, linkCommand, storeCommand)),
  ];
}
