import { join, relative } from "node:path";
import { Command } from "commander";
import { bindAction, type CliRun } from "../runtime/action";
import { runDemo, type DemoReport } from "../demo/run-demo";
import { DEMO_DIALOGUE_ID } from "../demo/script";
import { describeConfig, describeLine } from "../storage/describe";
import { plural } from "../output/table";

/** `blue-store demo`: the guided tour on the configured storage (embedded SQLite by default). */
export function demoCommand(run: CliRun): Command {
  return new Command("demo")
    .description("record a sample dialogue with documents, links, searches and an export (re-running replaces the previous run)")
    .option("--json", "print the demo's report as JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const config = await ctx.loadConfig();
        const where = describeLine(describeConfig(config, ctx.globals.cwd));
        const storage = await ctx.open(config);
        const exportPath = join(config.projectRoot, ".blue", "exports", `${DEMO_DIALOGUE_ID}.json`);
        const report = await runDemo(storage, exportPath);
        if (o.json) ctx.printJson({ storage: where, ...report });
        else ctx.print(renderDemo(report, where, relative(ctx.globals.cwd, exportPath) || exportPath));
      }),
    );
}

function renderDemo(r: DemoReport, where: string, exportPath: string): string {
  const d = r.dialogue;
  const lines = [
    `Blue Store demo on ${where}${r.replacedPreviousRun ? " (replaced the previous demo run)" : ""}`,
    "",
    `Dialogue ${d.id} [${d.status}]`,
    `  "${d.title}"`,
    `  ${plural(r.rounds, "round")}, ${plural(r.experts.length, "expert")}: ${r.experts.join(", ")}`,
    `  ${plural(d.perspectiveCount, "perspective")}, ${plural(d.tensionCount, "tension")}, ${d.unresolvedTensionCount} unresolved`,
    "",
    "Tensions",
    ...r.tensions.map((t) => `  ${t.id} ${t.label.padEnd(22)} ${t.history.join(" → ")}`),
    "",
    `Documents (${r.documents.length} added, ${plural(r.links, "link")} recorded)`,
    ...r.documents.map((doc) => `  #${doc.id} ${doc.title}`),
    "",
    "Searches",
  ];
  for (const s of r.searches) {
    lines.push(`  "${s.query}"`);
    if (s.hits.length === 0) lines.push("     (no match)");
    s.hits.forEach((h, i) => {
      lines.push(`     ${i + 1}. #${h.id} ${h.title}`);
    });
  }
  lines.push(
    "",
    `Exported ${d.id} to ${exportPath} (${r.export.bytes} bytes: ${plural(r.export.perspectives, "perspective")}, ${plural(r.export.tensions, "tension")}, ${plural(r.export.links, "link")})`,
    `The store now holds ${plural(r.store.dialogues, "dialogue")} and ${plural(r.store.documents, "document")}.`,
    "",
    "Next:",
    `  blue-store dialogues show ${d.id}`,
    `  blue-store docs search dynamodb`,
    `  blue-store links from dialogue:${d.id}`,
    "  blue-store doctor",
  );
  return lines.join("\n");
}
