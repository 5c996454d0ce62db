import { Command, CommanderError } from "commander";
import packageJson from "../package.json";
import { conformanceCommand } from "./commands/conformance";
import { demoCommand } from "./commands/demo";
import { dialoguesCommand } from "./commands/dialogues";
import { docsCommand } from "./commands/docs";
import { doctorCommand } from "./commands/doctor";
import { initCommand } from "./commands/init";
import { linksCommand } from "./commands/links";
import { migrateCommand } from "./commands/migrate";
import { backupCommand } from "./commands/backup";
import { restoreCommand } from "./commands/restore";
import { storeCommand } from "./commands/store";
import { reportFailure, type CliRun } from "./runtime/action";
import type { CliIo } from "./runtime/context";
import { EXIT } from "./runtime/exit-codes";

/** The package version, read from package.json when the bundle is built (so releases print their own). */
const VERSION: string = packageJson.version;

const EPILOG = `
Exit status: 0 ok · 1 failure or difference found · 2 usage or configuration error ·
3 not found · 4 invalid input · 5 conflict · 6 storage unavailable · 130 interrupted (143 SIGTERM).
Storage: .blue/config.toml in this folder or above (none: SQLite at .blue/blue.db).`;

/** "blue-store dialogues list". */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c !== null; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** Applies the shared settings to a command and all its subcommands. */
function configure(cmd: Command, run: CliRun): void {
  cmd.exitOverride();
  cmd.showHelpAfterError(false);
  cmd.configureOutput({
    writeOut: (s) => run.io.out(s),
    writeErr: (s) => run.io.err(s),
    outputError: (s, write) => write(`${s.trim().replace(/\s*\n\s*/g, " ")} — hint: see \`${commandPath(cmd)} --help\`\n`),
  });
  for (const sub of cmd.commands) configure(sub, run);
}

/** The `blue-store` command tree. */
export function createProgram(run: CliRun): Command {
  const program = new Command("blue-store")
    .description(
      "Blue Store's command-line tool: demo, read and write dialogues, documents, links and generic stores, export/import, backup/restore, migrate between engines, run the conformance kit",
    )
    .version(VERSION, "-V, --version")
    .option("-C, --cwd <dir>", "run as if started in this folder")
    .option("--verbose", "print stack traces of failures")
    .addHelpText("after", EPILOG);
  for (const make of [
    demoCommand,
    initCommand,
    doctorCommand,
    dialoguesCommand,
    docsCommand,
    linksCommand,
    storeCommand,
    backupCommand,
    restoreCommand,
    migrateCommand,
    conformanceCommand,
  ]) {
    program.addCommand(make(run));
  }
  configure(program, run);
  return program;
}

/** Runs `blue-store` with `args` (without node and the script); resolves to the exit status. */
export async function runCli(args: readonly string[], io: CliIo, options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<number> {
  const run: CliRun = { io, env: options.env ?? process.env, cwd: options.cwd ?? process.cwd(), exitCode: EXIT.OK };
  const program = createProgram(run);
  try {
    if (args.length === 0) {
      program.outputHelp();
      return EXIT.USAGE;
    }
    await program.parseAsync([...args], { from: "user" });
    return run.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with code 0; every parse error is a usage error.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return reportFailure(io, e, args.includes("--verbose"));
  }
}
