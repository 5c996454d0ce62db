import { Command, Option } from "commander";
import { DIALOGUE_STATUSES, NotFoundError, type DialogueExport, type DialogueStatus, type DialogueSummary } from "@blue/store-core";
import { validateDialogueExport, notFound } from "@blue/store-core/engine";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";
import { parseIntegerArg, parseJsonText, readInputText } from "../runtime/input";
import { renderDialogue, renderSummaries } from "../output/entities";
import { plural } from "../output/table";
import { collectPages, pages } from "../migrate/pool";
import { confirmDelete } from "../runtime/confirm";
import { safeJson } from "../runtime/sanitize";
import { openSink } from "../output/sink";

const statusOption = () => new Option("--status <status>", "only dialogues of this status").choices(DIALOGUE_STATUSES as string[]);
const conflictOption = () =>
  new Option("--on-conflict <policy>", "when a dialogue id already exists: fail, skip it, or replace it")
    .choices(["fail", "skip", "replace"])
    .default("fail");

/** `blue-store dialogues list|show|export|import|delete`. */
export function dialoguesCommand(run: CliRun): Command {
  const cmd = new Command("dialogues").description("list, show, export, import and delete dialogues");

  cmd
    .command("list")
    .description("list dialogues, most recently updated first")
    .addOption(statusOption())
    .option("--limit <n>", "at most this many (1..1000), one page; prints the next page's cursor on stderr")
    .option("--cursor <cursor>", "continue a listing from this cursor")
    .option("--json", "print JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const storage = await ctx.openExisting();
        const status = o.status as DialogueStatus | undefined;
        let items: DialogueSummary[];
        let cursor: string | undefined;
        if (o.limit !== undefined || o.cursor !== undefined) {
          const limit = o.limit === undefined ? undefined : parseIntegerArg(String(o.limit), "--limit", 1, 1000);
          const page = await storage.dialogues.listDialoguesPage({ status, limit, cursor: o.cursor as string | undefined });
          items = page.items;
          cursor = page.cursor;
        } else {
          items = await collectPages((c) => storage.dialogues.listDialoguesPage({ status, limit: 1000, cursor: c }));
        }
        if (o.json) ctx.printJson(cursor === undefined ? { items } : { items, cursor });
        else {
          ctx.print(renderSummaries(items));
          if (cursor !== undefined) ctx.note(`more: --cursor ${cursor}`);
        }
      }),
    );

  cmd
    .command("show")
    .description("show a dialogue: rounds, perspectives, tensions with their history, links")
    .argument("<id>", "dialogue id")
    .option("--json", "print the dialogue's export as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const storage = await ctx.openExisting();
        const exported = await storage.dialogues.exportDialogue(String(args[0]));
        if (o.json) ctx.printJson(exported);
        else ctx.print(renderDialogue(exported));
      }),
    );

  cmd
    .command("export")
    .description("write dialogues as JSON exports (one id: an object; several or --all: an array)")
    .argument("[ids...]", "dialogue ids")
    .option("--all", "export every dialogue")
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const ids = (args[0] as string[] | undefined) ?? [];
        if (ids.length === 0 && !o.all)
          throw new CliError("name at least one dialogue id, or pass --all", EXIT.USAGE, "see `blue-store dialogues export --help`");
        const storage = await ctx.openExisting();
        // Streamed: one export in memory at a time, written as JSON.stringify(array, null, 2) would.
        for (const id of o.all ? [] : ids) {
          if ((await storage.dialogues.getDialogue(id)) === null)
            throw new NotFoundError(`dialogue ${id} not found; nothing was exported`, { details: { entity: "dialogue", dialogueId: id } });
        }
        const sink = openSink(ctx, typeof o.output === "string" ? o.output : undefined, { atomic: true });
        const single = ids.length === 1 && !o.all;
        let count = 0;
        const writeOne = async (id: string) => {
          const text = safeJson(await storage.dialogues.exportDialogue(id), 2);
          if (single) await sink.write(`${text}\n`);
          else await sink.write(`${count === 0 ? "[\n" : ",\n"}${text.replace(/^/gm, "  ")}`);
          count++;
        };
        try {
          if (o.all) {
            for await (const page of pages((c) => storage.dialogues.listDialoguesPage({ limit: 100, cursor: c })))
              for (const s of page) await writeOne(s.id);
          } else for (const id of ids) await writeOne(id);
          if (!single) await sink.write(count === 0 ? "[]\n" : "\n]\n");
          await sink.close();
        } catch (e) {
          await sink.abort();
          throw e;
        }
        if (typeof o.output === "string") ctx.note(`exported ${plural(count, "dialogue")} to ${o.output}`);
      }),
    );

  cmd
    .command("import")
    .description("import dialogue exports from a file (or - for stdin); all are checked before any is written")
    .argument("<file>", "a JSON export (object) or several (array)")
    .addOption(conflictOption())
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const file = String(args[0]);
        const exports = parseExports(parseJsonText(await readInputText(ctx, file), file), file);
        const storage = await ctx.openStorage();
        const policy = o.onConflict as "fail" | "skip" | "replace";
        if (policy === "fail") {
          for (const e of exports) {
            if ((await storage.dialogues.getDialogue(e.dialogue.id)) !== null) {
              throw new CliError(
                `dialogue ${e.dialogue.id} already exists; nothing was imported`,
                EXIT.CONFLICT,
                "pass --on-conflict skip or --on-conflict replace",
              );
            }
          }
        }
        for (const e of exports) await storage.dialogues.importDialogue(e, { onConflict: policy });
        const ids = exports.map((e) => e.dialogue.id);
        if (o.json) ctx.printJson({ imported: ids });
        else ctx.print(`imported ${plural(ids.length, "dialogue")}: ${summarizeIds(ids)}`);
      }),
    );

  cmd
    .command("delete")
    .description("delete a dialogue with its perspectives, tensions and links")
    .argument("<id>", "dialogue id")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const id = String(args[0]);
        const storage = await ctx.openExisting();
        const found = await storage.dialogues.getDialogue(id);
        if (found === null) throw notFound("dialogue", { dialogueId: id });
        await confirmDelete(ctx, `dialogue ${id} ("${found.title}") with its perspectives, tensions and links`, o.yes);
        if (!(await storage.dialogues.deleteDialogue(id))) throw notFound("dialogue", { dialogueId: id });
        if (o.json) ctx.printJson({ deleted: id });
        else ctx.print(`deleted dialogue ${id}`);
      }),
    );
  return cmd;
}

/** Checks every export of a file completely before anything is written. */
function parseExports(value: unknown, file: string): DialogueExport[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0)
    throw new CliError(
      `${file} holds no dialogue export`,
      EXIT.INVALID_INPUT,
      "the file must hold the JSON that `blue-store dialogues export` writes",
    );
  const seen = new Set<string>();
  return list.map((item, i) => {
    let e: DialogueExport;
    try {
      e = validateDialogueExport(item as DialogueExport);
    } catch (err) {
      const where = Array.isArray(value) ? ` (item ${i})` : "";
      const reason = err instanceof Error ? err.message : String(err);
      throw new CliError(
        `${file}${where} is not a valid dialogue export: ${reason}`,
        EXIT.INVALID_INPUT,
        "the file must hold the JSON that `blue-store dialogues export` writes",
        { cause: err },
      );
    }
    if (seen.has(e.dialogue.id))
      throw new CliError(`${file} holds dialogue ${e.dialogue.id} twice`, EXIT.INVALID_INPUT, "keep one export per dialogue");
    seen.add(e.dialogue.id);
    return e;
  });
}

/** At most five ids, then how many more: a 5,000-dialogue import stays one short line. */
export function summarizeIds(ids: readonly string[], shown = 5): string {
  if (ids.length <= shown) return ids.join(", ");
  return `${ids.slice(0, shown).join(", ")} … and ${ids.length - shown} more (--json lists all)`;
}
