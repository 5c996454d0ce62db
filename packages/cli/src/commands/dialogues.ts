import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command, Option } from "commander";
import { DIALOGUE_STATUSES, NotFoundError, validateDialogueExport, type DialogueExport, type DialogueStatus, type DialogueSummary } from "@blue/store-core";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import type { CliContext } from "../runtime/context";
import { EXIT } from "../runtime/exit-codes";
import { parseIntegerArg, parseJsonText, readInputText } from "../runtime/input";
import { renderDialogue, renderSummaries } from "../output/entities";
import { plural } from "../output/table";
import { collectPages } from "../migrate/pool";

const statusOption = () => new Option("--status <status>", "only dialogues of this status").choices(DIALOGUE_STATUSES as string[]);
const conflictOption = () =>
  new Option("--on-conflict <policy>", "when a dialogue id already exists: fail, skip it, or replace it").choices(["fail", "skip", "replace"]).default("fail");

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
        const storage = await ctx.openStorage();
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
        const storage = await ctx.openStorage();
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
        if (ids.length === 0 && !o.all) throw new CliError("name at least one dialogue id, or pass --all", EXIT.USAGE, "see `blue-store dialogues export --help`");
        const storage = await ctx.openStorage();
        const all = o.all ? (await collectPages((c) => storage.dialogues.listDialoguesPage({ limit: 1000, cursor: c }))).map((s) => s.id) : ids;
        const exports: DialogueExport[] = [];
        for (const id of all) exports.push(await storage.dialogues.exportDialogue(id));
        const value = ids.length === 1 && !o.all ? exports[0] : exports;
        const text = `${JSON.stringify(value, null, 2)}\n`;
        if (typeof o.output === "string") {
          await writeOutput(ctx, o.output, text);
          ctx.note(`exported ${plural(exports.length, "dialogue")} to ${o.output}`);
        } else ctx.io.out(text);
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
              throw new CliError(`dialogue ${e.dialogue.id} already exists; nothing was imported`, EXIT.CONFLICT, "pass --on-conflict skip or --on-conflict replace");
            }
          }
        }
        for (const e of exports) await storage.dialogues.importDialogue(e, { onConflict: policy });
        const ids = exports.map((e) => e.dialogue.id);
        if (o.json) ctx.printJson({ imported: ids });
        else ctx.print(`imported ${plural(ids.length, "dialogue")}: ${ids.join(", ")}`);
      }),
    );

  cmd
    .command("delete")
    .description("delete a dialogue with its perspectives, tensions and links")
    .argument("<id>", "dialogue id")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const id = String(args[0]);
        const storage = await ctx.openStorage();
        if (!(await storage.dialogues.deleteDialogue(id))) throw new NotFoundError(`dialogue ${id} not found`, { details: { id } });
        if (o.json) ctx.printJson({ deleted: id });
        else ctx.print(`deleted dialogue ${id}`);
      }),
    );
  return cmd;
}

/** Checks every export of a file completely before anything is written. */
function parseExports(value: unknown, file: string): DialogueExport[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new CliError(`${file} holds no dialogue export`, EXIT.INVALID_INPUT, "the file must hold the JSON that `blue-store dialogues export` writes");
  const seen = new Set<string>();
  return list.map((item, i) => {
    let e: DialogueExport;
    try {
      e = validateDialogueExport(item as DialogueExport);
    } catch (err) {
      const where = Array.isArray(value) ? ` (item ${i})` : "";
      const reason = err instanceof Error ? err.message : String(err);
      throw new CliError(`${file}${where} is not a valid dialogue export: ${reason}`, EXIT.INVALID_INPUT, "the file must hold the JSON that `blue-store dialogues export` writes", { cause: err });
    }
    if (seen.has(e.dialogue.id)) throw new CliError(`${file} holds dialogue ${e.dialogue.id} twice`, EXIT.INVALID_INPUT, "keep one export per dialogue");
    seen.add(e.dialogue.id);
    return e;
  });
}

async function writeOutput(ctx: CliContext, file: string, text: string): Promise<void> {
  try {
    await writeFile(resolve(ctx.globals.cwd, file), text);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new CliError(`cannot write ${file}: ${reason}`, EXIT.FAILURE, "check that the folder exists and is writable", { cause: e });
  }
}
