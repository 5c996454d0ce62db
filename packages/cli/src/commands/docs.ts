import { Command } from "commander";
import type { NewDocument } from "@blue/store-core";
import { notFound } from "@blue/store-core/engine";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";
import { parseIntegerArg, parseJsonObjectOption, readInputText } from "../runtime/input";
import { renderDocument, renderDocumentRows } from "../output/entities";
import { confirmDelete } from "../runtime/confirm";

const documentId = (text: string | string[] | undefined) => parseIntegerArg(String(text), "document id", 1, Number.MAX_SAFE_INTEGER);

/** `blue-store docs add|get|list|search|delete`. */
export function docsCommand(run: CliRun): Command {
  const cmd = new Command("docs").description("add, read, list, search and delete documents");

  cmd
    .command("add")
    .description("add a document; prints its id")
    .requiredOption("--title <title>", "the title")
    .option("--body <text>", "the body text")
    .option("--file <file>", "read the body from a file (- for stdin)")
    .option("--kind <kind>", "a kind, e.g. rfc, adr, note")
    .option("--path <path>", "where the document lives, e.g. docs/rfcs/0053.md")
    .option("--metadata <json>", "a JSON object")
    .option("--json", "print the new document as JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        if ((o.body === undefined) === (o.file === undefined))
          throw new CliError("pass exactly one of --body and --file", EXIT.USAGE, "see `blue-store docs add --help`");
        const body = typeof o.file === "string" ? await readInputText(ctx, o.file) : String(o.body);
        const doc: NewDocument = { title: String(o.title), body };
        if (typeof o.kind === "string") doc.kind = o.kind;
        if (typeof o.path === "string") doc.path = o.path;
        if (typeof o.metadata === "string") doc.metadata = parseJsonObjectOption(o.metadata, "--metadata");
        const storage = await ctx.openStorage();
        const id = await storage.documents.addDocument(doc);
        if (o.json) ctx.printJson(await storage.documents.getDocument(id));
        else ctx.print(String(id));
      }),
    );

  cmd
    .command("get")
    .description("show a document")
    .argument("<id>", "document id")
    .option("--json", "print JSON (with the whole body)")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const id = documentId(args[0]);
        const storage = await ctx.openExisting();
        const doc = await storage.documents.getDocument(id);
        if (doc === null) throw notFound("document", { documentId: id });
        if (o.json) ctx.printJson(doc);
        else ctx.print(renderDocument(doc));
      }),
    );

  cmd
    .command("list")
    .description("list documents by id")
    .option("--limit <n>", "at most this many (1..1000); prints the next page's cursor on stderr", "100")
    .option("--cursor <cursor>", "continue from this cursor")
    .option("--json", "print JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const limit = parseIntegerArg(String(o.limit), "--limit", 1, 1000);
        const storage = await ctx.openExisting();
        const page = await storage.documents.listDocumentsPage({ limit, cursor: o.cursor as string | undefined });
        if (o.json) ctx.printJson(page);
        else {
          ctx.print(renderDocumentRows(page.items));
          if (page.cursor !== undefined) ctx.note(`more: --cursor ${page.cursor}`);
        }
      }),
    );

  cmd
    .command("search")
    .description("full-text search (every word must match; ranked by BM25)")
    .argument("<words...>", "the query")
    .option("--limit <n>", "at most this many hits (1..1000)", "10")
    .option("--json", "print JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const query = ((args[0] as string[] | undefined) ?? []).join(" ");
        const limit = parseIntegerArg(String(o.limit), "--limit", 1, 1000);
        const storage = await ctx.openExisting();
        const hits = await storage.documents.search(query, limit);
        if (o.json) ctx.printJson(hits);
        else ctx.print(renderDocumentRows(hits));
      }),
    );

  cmd
    .command("delete")
    .description("delete a document and every link to or from it")
    .argument("<id>", "document id")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const id = documentId(args[0]);
        const storage = await ctx.openExisting();
        const found = await storage.documents.getDocument(id);
        if (found === null) throw notFound("document", { documentId: id });
        await confirmDelete(ctx, `document ${id} ("${found.title}") and its links`, o.yes);
        if (!(await storage.documents.deleteDocument(id))) throw notFound("document", { documentId: id });
        if (o.json) ctx.printJson({ deleted: id });
        else ctx.print(`deleted document ${id}`);
      }),
    );
  return cmd;
}
