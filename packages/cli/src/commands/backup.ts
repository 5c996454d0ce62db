import { Command } from "commander";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";
import { openSink } from "../output/sink";
import { barProgress, lineProgress, silentProgress } from "../migrate/progress";
import { writeBackup } from "../backup/writer";
import { plural } from "../output/table";

/** `blue-store backup [-o file|-]`: everything the store holds, as one line-delimited JSON file. */
export function backupCommand(run: CliRun): Command {
  return new Command("backup")
    .description(
      "write everything the configured store holds — documents, dialogues, links, every generic store's items — " +
        "as one versioned line-delimited JSON file with a checksum (restore it with `blue-store restore`)",
    )
    .option("-o, --output <file>", "write to this file (- or none: stdout); written as <file>.partial and renamed when complete")
    .option("--json", "print the summary as JSON on stdout (with -o file)")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const file = typeof o.output === "string" && o.output !== "-" ? o.output : undefined;
        if (file === undefined && ctx.io.stdoutIsTTY === true) {
          throw new CliError(
            "refusing to write a backup to the terminal",
            EXIT.USAGE,
            "pass -o <file>, or redirect stdout: blue-store backup > store.bsb",
          );
        }
        const storage = await ctx.openExisting();
        const progress =
          file === undefined ? silentProgress : ctx.io.stderrIsTTY ? barProgress(process.stderr) : lineProgress((l) => ctx.note(l), 1000);
        const sink = openSink(ctx, file, { atomic: true });
        let trailer: Awaited<ReturnType<typeof writeBackup>>;
        try {
          trailer = await writeBackup(storage, sink, { progress });
          await sink.close();
        } catch (e) {
          await sink.abort();
          throw e;
        }
        const c = trailer.counts;
        const summary = { file: file ?? "-", source: storage.name, records: trailer.records, counts: c, sha256: trailer.sha256 };
        if (o.json && file !== undefined) ctx.printJson(summary);
        else {
          const what = [
            plural(c.document, "document"),
            plural(c.dialogue, "dialogue"),
            plural(c.link, "link"),
            plural(c.item, "generic item"),
          ].join(", ");
          ctx.note(`backed up ${what} to ${file ?? "stdout"} (sha256 ${trailer.sha256})`);
        }
      }),
    );
}
