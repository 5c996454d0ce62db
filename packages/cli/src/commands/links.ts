import { Command } from "commander";
import { NotFoundError, type NewLink } from "@blue/store-core";
import { bindAction, type CliRun } from "../runtime/action";
import { parseJsonObjectOption } from "../runtime/input";
import { renderLinks } from "../output/entities";
import { collectPages } from "../migrate/pool";
import { confirmDelete } from "../runtime/confirm";

/** `blue-store links list|from|to|add|remove`. */
export function linksCommand(run: CliRun): Command {
  const cmd = new Command("links").description("list, add and remove links between entities (e.g. dialogue:d1 → document:42)");

  cmd
    .command("list")
    .description("every link, by (from, to, kind)")
    .option("--json", "print JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const storage = await ctx.openExisting();
        const links = await collectPages((cursor) => storage.links.listLinksPage({ limit: 1000, cursor }));
        if (o.json) ctx.printJson(links);
        else ctx.print(renderLinks(links));
      }),
    );

  for (const direction of ["from", "to"] as const) {
    cmd
      .command(direction)
      .description(direction === "from" ? "links from an entity, by (kind, to)" : "links to an entity, by (kind, from)")
      .argument("<ref>", "an entity address, e.g. document:42 or dialogue:d1/tension:T01")
      .option("--kind <kind>", "only links of this kind")
      .option("--json", "print JSON")
      .action(
        bindAction(run, async (ctx, args, o) => {
          const storage = await ctx.openExisting();
          const options = typeof o.kind === "string" ? { kind: o.kind } : undefined;
          const ref = String(args[0]);
          const links = direction === "from" ? await storage.links.linksFrom(ref, options) : await storage.links.linksTo(ref, options);
          if (o.json) ctx.printJson(links);
          else ctx.print(renderLinks(links));
        }),
      );
  }

  cmd
    .command("add")
    .description("add a link (the same from, to and kind again replaces its metadata)")
    .argument("<from>", "entity address")
    .argument("<to>", "entity address")
    .argument("<kind>", "the kind of relationship, e.g. references")
    .option("--metadata <json>", "a JSON object")
    .option("--json", "print the link as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const link: NewLink = { from: String(args[0]), to: String(args[1]), kind: String(args[2]) };
        if (typeof o.metadata === "string") link.metadata = parseJsonObjectOption(o.metadata, "--metadata");
        const storage = await ctx.openStorage();
        await storage.links.addLink(link);
        const stored = (await storage.links.linksFrom(link.from, { kind: link.kind })).find((l) => l.to === link.to);
        if (o.json) ctx.printJson(stored ?? link);
        else ctx.print(`linked ${link.from} --${link.kind}--> ${link.to}`);
      }),
    );

  cmd
    .command("remove")
    .description("remove a link")
    .argument("<from>", "entity address")
    .argument("<to>", "entity address")
    .argument("<kind>", "the kind of relationship")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, args, o) => {
        const [from, to, kind] = [String(args[0]), String(args[1]), String(args[2])];
        const storage = await ctx.openExisting();
        const exists = (await storage.links.linksFrom(from, { kind })).some((l) => l.to === to);
        if (!exists) throw new NotFoundError(`link ${from} --${kind}--> ${to} not found`);
        await confirmDelete(ctx, `link ${from} --${kind}--> ${to}`, o.yes);
        if (!(await storage.links.removeLink(from, to, kind))) throw new NotFoundError(`link ${from} --${kind}--> ${to} not found`);
        if (o.json) ctx.printJson({ removed: { from, to, kind } });
        else ctx.print(`removed ${from} --${kind}--> ${to}`);
      }),
    );
  return cmd;
}
