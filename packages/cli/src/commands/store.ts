import { Command } from "commander";
import { NotFoundError, type JsonObject, type StorageBackend, type Store } from "@blue/store-core";
import { catalogOf } from "@blue/store-core/engine";
import { bindAction, type CliRun } from "../runtime/action";
import { confirmDelete } from "../runtime/confirm";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";
import { parseIntegerArg, parseJsonObjectOption, parseJsonText, readInputText } from "../runtime/input";
import { safeJson } from "../runtime/sanitize";
import { renderTable } from "../output/table";

/** A store handle that writes under the key given on the command line (the CLI does not know the application's key function). */
function storeAt(storage: StorageBackend, name: string, key?: { pk: string; sk: string }): Store<JsonObject> {
  return storage.store<JsonObject>({ name, key: () => key ?? { pk: "", sk: "" } });
}

const str = (v: string | string[] | undefined) => String(v);

/** `blue-store store list|get|query|put|delete`: the generic stores (`storage.store(schema)`). */
export function storeCommand(run: CliRun): Command {
  const cmd = new Command("store").description("read and write the items of generic stores (storage.store({ name, key }))");

  cmd
    .command("list")
    .description("every generic store that holds items, with its item count (reads every item: a full pass over the data)")
    .option("--json", "print JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const storage = await ctx.openExisting();
        const catalog = catalogOf(storage);
        const stores: Array<{ name: string; items: number }> = [];
        for (const name of await catalog.storeNames()) {
          let items = 0;
          for await (const _ of catalog.items(name)) items++;
          stores.push({ name, items });
        }
        if (o.json) ctx.printJson(stores);
        else
          ctx.print(
            stores.length === 0
              ? "no generic stores"
              : renderTable(
                  ["STORE", "ITEMS"],
                  stores.map((s) => [s.name, String(s.items)]),
                ),
          );
      }),
    );

  cmd
    .command("get")
    .description("one item by its key")
    .argument("<name>", "the store's schema name")
    .argument("<pk>", "partition key")
    .argument("<sk>", "sort key")
    .option("--json", "print JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const [name, pk, sk] = [str(args[0]), str(args[1]), str(args[2])];
        const storage = await ctx.openExisting();
        const item = await storeAt(storage, name).get(pk, sk);
        if (item === null)
          throw new NotFoundError(`no item (${JSON.stringify(pk)}, ${JSON.stringify(sk)}) in store ${name}`, { details: { store: name } });
        if (o.json) ctx.printJson(item);
        else ctx.print(safeJson(item, 2));
      }),
    );

  cmd
    .command("query")
    .description("the items of one partition whose sort key begins with a prefix, in sort-key order (one page)")
    .argument("<name>", "the store's schema name")
    .argument("<pk>", "partition key")
    .argument("[skPrefix]", "sort-key prefix (default: every item of the partition)", "")
    .option("--limit <n>", "at most this many (1..1000); prints the next page's cursor on stderr", "100")
    .option("--cursor <cursor>", "continue from this cursor")
    .option("--reverse", "descending sort-key order")
    .option("--json", "print JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const [name, pk, prefix] = [str(args[0]), str(args[1]), str(args[2] ?? "")];
        const limit = parseIntegerArg(String(o.limit), "--limit", 1, 1000);
        const storage = await ctx.openExisting();
        const page = await storeAt(storage, name).queryPage(pk, prefix, {
          limit,
          reverse: o.reverse === true,
          ...(typeof o.cursor === "string" ? { cursor: o.cursor } : {}),
        });
        if (o.json) ctx.printJson(page);
        else {
          ctx.print(page.items.length === 0 ? "no items" : page.items.map((i) => safeJson(i)).join("\n"));
          if (page.cursor !== undefined) ctx.note(`more: --cursor ${page.cursor}`);
        }
      }),
    );

  cmd
    .command("put")
    .description("write an item under a key (replacing what is there unless --if-not-exists)")
    .argument("<name>", "the store's schema name")
    .argument("<pk>", "partition key")
    .argument("<sk>", "sort key")
    .option("--item <json>", "the item, a JSON object")
    .option("--file <file>", "read the item from a JSON file (- for stdin)")
    .option("--if-not-exists", "fail (exit 5) when the key is taken")
    .option("--json", "print the stored item as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const [name, pk, sk] = [str(args[0]), str(args[1]), str(args[2])];
        if ((o.item === undefined) === (o.file === undefined))
          throw new CliError("pass exactly one of --item and --file", EXIT.USAGE, "see `blue-store store put --help`");
        let item: JsonObject;
        if (typeof o.item === "string") item = parseJsonObjectOption(o.item, "--item");
        else {
          const file = String(o.file);
          const value = parseJsonText(await readInputText(ctx, file), file);
          if (typeof value !== "object" || value === null || Array.isArray(value))
            throw new CliError(`${file} must hold a JSON object`, EXIT.INVALID_INPUT, "an item is a JSON object");
          item = value as JsonObject;
        }
        const storage = await ctx.openStorage();
        const store = storeAt(storage, name, { pk, sk });
        await store.put(item, { ifNotExists: o.ifNotExists === true });
        if (o.json) ctx.printJson(await store.get(pk, sk));
        else ctx.print(`stored (${JSON.stringify(pk)}, ${JSON.stringify(sk)}) in store ${name}`);
      }),
    );

  cmd
    .command("delete")
    .description("delete one item")
    .argument("<name>", "the store's schema name")
    .argument("<pk>", "partition key")
    .argument("<sk>", "sort key")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const [name, pk, sk] = [str(args[0]), str(args[1]), str(args[2])];
        const storage = await ctx.openExisting();
        const store = storeAt(storage, name);
        if ((await store.get(pk, sk)) === null)
          throw new NotFoundError(`no item (${JSON.stringify(pk)}, ${JSON.stringify(sk)}) in store ${name}`, { details: { store: name } });
        await confirmDelete(ctx, `item (${JSON.stringify(pk)}, ${JSON.stringify(sk)}) of store ${name}`, o.yes);
        await store.delete(pk, sk);
        if (o.json) ctx.printJson({ deleted: { store: name, pk, sk } });
        else ctx.print(`deleted (${JSON.stringify(pk)}, ${JSON.stringify(sk)}) from store ${name}`);
      }),
    );
  return cmd;
}
