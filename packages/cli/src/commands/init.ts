import { mkdir, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { Command, Option } from "commander";
import { parseConfig, type BlueConfig } from "@blue/store-config";
import { bindAction, type CliRun } from "../runtime/action";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";
import { describeConfig, describeLine } from "../storage/describe";
import { probeStorage } from "../storage/probe";

/** The text of `.blue/config.toml` for the chosen backend. */
export function configToml(o: {
  backend: string;
  path?: string;
  tablePrefix?: string;
  region?: string;
  endpoint?: string;
  createTables?: boolean;
}): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = ["# Blue Store storage configuration (written by `blue-store init`)", "[storage]", `backend = ${q(o.backend)}`, ""];
  if (o.backend === "sqlite")
    lines.push("[storage.sqlite]", `path = ${q(o.path ?? ".blue/blue.db")}   # relative to the folder that holds .blue/`);
  else {
    lines.push("[storage.dynamodb]", `table_prefix = ${q(o.tablePrefix ?? "blue_")}`, `region = ${q(o.region ?? "us-east-1")}`);
    if (o.endpoint !== undefined) lines.push(`endpoint = ${q(o.endpoint)}`);
    lines.push(
      `create_tables = ${o.createTables === true}`,
      "# Credentials come from the AWS SDK's provider chain (environment, profile, role), never from this file.",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `blue-store init`: writes .blue/config.toml in the current folder and creates the database or table. */
export function initCommand(run: CliRun): Command {
  return new Command("init")
    .description("write .blue/config.toml here and create the database (sqlite) or the table (dynamodb)")
    .addOption(new Option("--backend <backend>", "the storage engine").choices(["sqlite", "dynamodb"]).default("sqlite"))
    .option("--path <file>", "sqlite: the database file, relative to this folder", ".blue/blue.db")
    .option("--table-prefix <prefix>", "dynamodb: prefix of the table name", "blue_")
    .option("--region <region>", "dynamodb: AWS region", "us-east-1")
    .option("--endpoint <url>", "dynamodb: an endpoint such as DynamoDB Local's http://127.0.0.1:8000")
    .option("--create-tables", "dynamodb: also write create_tables = true (create missing tables whenever the storage opens)")
    .option("--force", "overwrite an existing .blue/config.toml")
    .option("--json", "print the result as JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const cwd = ctx.globals.cwd;
        const file = join(cwd, ".blue", "config.toml");
        const exists = await stat(file).then(
          () => true,
          () => false,
        );
        if (exists && o.force !== true)
          throw new CliError(
            `${relative(cwd, file)} already exists`,
            EXIT.CONFLICT,
            "pass --force to overwrite it, or `blue-store doctor` to check it",
          );
        const text = configToml({
          backend: String(o.backend),
          path: String(o.path),
          tablePrefix: String(o.tablePrefix),
          region: String(o.region),
          ...(typeof o.endpoint === "string" ? { endpoint: o.endpoint } : {}),
          createTables: o.createTables === true,
        });
        // Check the text before writing anything: a bad --table-prefix fails here, not later.
        const config = await parseConfig(text, { source: file, projectRoot: cwd });
        // Owner-writable only: the config package refuses a config file (or .blue/) others can write.
        await mkdir(join(cwd, ".blue"), { recursive: true, mode: 0o755 });
        // Create the database or table now (for DynamoDB regardless of create_tables).
        const storage = await ctx.open(withTableCreation(config));
        await probeStorage(storage);
        await writeFile(file, text, { mode: 0o644 });
        const description = describeConfig(config, cwd);
        if (o.json) ctx.printJson({ configFile: file, ...description });
        else {
          ctx.print(`wrote ${relative(cwd, file)}`);
          ctx.print(`ready: ${describeLine(description)}`);
          ctx.print("next: blue-store doctor, blue-store demo");
        }
      }),
    );
}

/** The config with the engine's `createTables` setting (DynamoDB's) on, when it has one: init creates the table either way. */
function withTableCreation(config: BlueConfig): BlueConfig {
  return "createTables" in config.engine.settings ? { ...config, settings: { ...config.settings, createTables: true } } : config;
}
