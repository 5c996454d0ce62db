import { Command } from "commander";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";
import { parseIntegerArg } from "../runtime/input";
import { harnessFor } from "../conformance/harness";
import { barProgress, silentProgress } from "../migrate/progress";
import { describeConfig, describeLine } from "../storage/describe";

/** `blue-store conformance`: runs the kit against the configured backend in an isolated namespace. */
export function conformanceCommand(run: CliRun): Command {
  return new Command("conformance")
    .description(
      "run the conformance kit against the configured backend, isolated from the project's data " +
        "(each case in a namespace of its own that the engine provides: a temporary file, a table prefix), removing what it wrote",
    )
    .option("--filter <text>", "only the cases whose id contains this text, e.g. export.importDialogue")
    .option("--seed <n>", "seed of the property-based cases")
    .option("--json", "print the report as JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const config = await ctx.loadConfig();
        const options: { filter?: string; seed?: number } = {};
        if (typeof o.filter === "string") options.filter = o.filter;
        if (typeof o.seed === "string") options.seed = parseIntegerArg(o.seed, "--seed", 0, 2 ** 31 - 1);
        ctx.note(`conformance on ${describeLine(describeConfig(config, ctx.globals.cwd))} (isolated namespace)`);
        // Loaded on demand: the kit (and its property-testing library) is only needed here.
        const { conformanceCases, formatReport, runConformance, selectCases } = await import("@blue/store-core/conformance");
        const progress = ctx.io.stderrIsTTY ? barProgress(process.stderr) : silentProgress;
        progress.start("conformance", selectCases(conformanceCases(), options.filter).length);
        const report = await runConformance(harnessFor(config), { ...options, onResult: () => progress.advance(1) }).finally(() =>
          progress.stop(),
        );
        if (report.results.length === 0)
          throw new CliError(
            `no conformance case id contains "${options.filter ?? ""}"`,
            EXIT.USAGE,
            "run without --filter to see the case ids",
          );
        if (o.json) ctx.printJson(report);
        else ctx.print(formatReport(report));
        return report.failed === 0 ? EXIT.OK : EXIT.FAILURE;
      }),
    );
}
