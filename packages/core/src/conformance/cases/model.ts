import * as fc from "fast-check";
import { createMemoryStorage } from "../../memory";
import { differences, escapeHard, failCase } from "../assert";
import { KIT_EPOCH } from "../clock";
import type { CaseContext, ConformanceCase } from "../types";
import { kase } from "./helpers";
import {
  dialogueCommand,
  documentCommand,
  linkCommand,
  Runner,
  SETUP,
  storeBatchCommand,
  storeCommand,
  type Command,
} from "./model-commands";

const NUM_RUNS = 20;
const MAX_COMMANDS = 30;
/**
 * The whole property (all runs, then shrinking) stops after this long. An interruption before
 * all NUM_RUNS runs is a failure; during shrinking, the smallest failure found so far is reported.
 */
const TIME_BUDGET_MS = 100_000;

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
        if (diff.length > 0)
          throw new Error(
            `step ${i + 1} ${escapeHard(JSON.stringify(c))}: the backend differs from the memory model:\n  ${diff.join("\n  ")}`,
          );
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

/** How many command sequences a model case runs, and its time budget (tests of the kit lower them). */
export interface ModelBudget {
  numRuns: number;
  timeBudgetMs: number;
}
const DEFAULT_BUDGET: ModelBudget = { numRuns: NUM_RUNS, timeBudgetMs: TIME_BUDGET_MS };

function modelCase(id: string, title: string, setup: Command[], command: fc.Arbitrary<Command>, budget: ModelBudget): ConformanceCase {
  const { numRuns, timeBudgetMs } = budget;
  return kase(
    id,
    title,
    async (ctx) => {
      const property = fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: MAX_COMMANDS }), (commands) =>
        compareRun(ctx, setup, commands),
      );
      const details = await fc.check(property, {
        numRuns,
        seed: ctx.seed | 0,
        interruptAfterTimeLimit: timeBudgetMs,
        markInterruptAsFailure: true,
        endOnFailure: false,
      });
      if (details.failed && details.counterexample === null) {
        // Interrupted before a divergence was found: the case did not do what it claims.
        failCase(
          `the property run was interrupted after ${details.numRuns} of ${numRuns} runs (time budget ${timeBudgetMs / 1000} s): a model case passes only after all its runs; fast-check seed ${details.seed}`,
        );
      }
      if (!details.failed && details.numRuns < numRuns)
        failCase(`only ${details.numRuns} of ${numRuns} runs were made (fast-check seed ${details.seed})`);
      if (details.failed) {
        const shrunk = details.counterexample?.[0] as Command[] | undefined;
        const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        failCase(
          `a command sequence diverged from the memory model after ${details.numRuns} runs and ${details.numShrinks} shrinks.\nsetup ${escapeHard(JSON.stringify(setup))}\nthen the minimal sequence (${shrunk?.length ?? "?"} commands): ${escapeHard(JSON.stringify(shrunk))}\n${cause}\nfast-check seed ${details.seed}, path ${JSON.stringify(details.counterexamplePath)}`,
        );
      }
    },
    { tags: ["model-based"], timeoutMs: timeBudgetMs + 20_000 },
  );
}

/** fast-check command sequences compared step by step with `createMemoryStorage`. */
export function modelCases(budget: ModelBudget = DEFAULT_BUDGET): ConformanceCase[] {
  return [
    modelCase(
      "model.dialogues",
      "random dialogue, tension and import commands behave like the memory model",
      SETUP.dialogues,
      dialogueCommand,
      budget,
    ),
    modelCase(
      "model.documents",
      "random document and search commands behave like the memory model",
      SETUP.documents,
      documentCommand,
      budget,
    ),
    modelCase(
      "model.links",
      "random link commands (with cascading deletes) behave like the memory model",
      SETUP.links,
      linkCommand,
      budget,
    ),
    modelCase("model.store", "random generic-store commands behave like the memory model", SETUP.store, storeCommand, budget),
    modelCase(
      "model.storeBatches",
      "random generic-store commands with expiry, batches, transactions and iteration behave like the memory model",
      SETUP.store,
      storeBatchCommand,
      budget,
    ),
    modelCase(
      "model.mixed",
      "random commands over the whole API behave like the memory model",
      [...SETUP.dialogues, ...SETUP.links, ...SETUP.store],
      fc.oneof(dialogueCommand, documentCommand, linkCommand, storeCommand),
      budget,
    ),
  ];
}
