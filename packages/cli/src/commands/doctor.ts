import { Command } from "commander";
import type { BlueConfig } from "@blue/store-config";
import type { StorageBackend } from "@blue/store-core";
import { bindAction, type CliRun } from "../runtime/action";
import type { CliContext } from "../runtime/context";
import { describeError, type FailureReport } from "../runtime/describe-error";
import { EXIT } from "../runtime/exit-codes";
import { describeConfig, describeLine, type ConfigDescription } from "../storage/describe";
import { probeEach } from "../storage/probe";

/** One line of the doctor's report. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  hint?: string;
}

/** The doctor's findings (`doctor --json`). Never holds credentials. */
export interface DoctorReport {
  healthy: boolean;
  config?: ConfigDescription;
  backend?: { name: string; capabilities: StorageBackend["capabilities"] };
  checks: DoctorCheck[];
}

const failed = (name: string, r: FailureReport): DoctorCheck => ({
  name,
  ok: false,
  detail: `${r.message}${r.code ? ` (${r.code})` : ""}`,
  ...(r.hint ? { hint: r.hint } : {}),
});

/** Runs the checks in order; a failed step stops the ones that depend on it. */
async function diagnose(ctx: CliContext): Promise<{ report: DoctorReport; exitCode: number }> {
  const report: DoctorReport = { healthy: false, checks: [] };
  let config: BlueConfig;
  try {
    config = await ctx.loadConfig();
  } catch (e) {
    report.checks.push(failed("config", describeError(e, { inDoctor: true })));
    return { report, exitCode: EXIT.USAGE };
  }
  report.config = describeConfig(config, ctx.globals.cwd);
  const overrides = config.overrides.length ? ` (overridden by ${config.overrides.join(", ")})` : "";
  report.checks.push({ name: "config", ok: true, detail: `${report.config.source}${overrides}` });

  let storage: StorageBackend;
  try {
    // Never create anything: a missing database or table is a failed check, not a fresh empty store.
    storage = await ctx.open(config, { create: false });
  } catch (e) {
    const r = describeError(e, { inDoctor: true });
    report.checks.push(failed("open", r));
    return { report, exitCode: r.exitCode === EXIT.USAGE ? EXIT.USAGE : EXIT.FAILURE };
  }
  report.checks.push({ name: "open", ok: true, detail: `${describeLine(report.config)}: opened` });
  report.backend = { name: storage.name, capabilities: storage.capabilities };
  // What the engine itself checks (its schema version, its table and indexes), as its descriptor says.
  try {
    report.checks.push(...((await config.engine.doctor?.(config.settings, storage)) ?? []));
  } catch (e) {
    report.checks.push(failed(config.engine.name, describeError(e, { inDoctor: true })));
  }

  for (const probe of await probeEach(storage)) {
    report.checks.push(
      probe.ok ? { name: probe.name, ok: true, detail: probe.detail } : failed(probe.name, describeError(probe.error, { inDoctor: true })),
    );
  }
  report.healthy = report.checks.every((c) => c.ok);
  return { report, exitCode: report.healthy ? EXIT.OK : EXIT.FAILURE };
}

/** `blue-store doctor`: is the configured storage usable? Exit 0 when healthy. */
export function doctorCommand(run: CliRun): Command {
  return new Command("doctor")
    .description("check the configuration, the connection, the schema or tables, and print the backend and its capabilities")
    .option("--json", "print the report as JSON")
    .action(
      bindAction(run, async (ctx, _args, o) => {
        const { report, exitCode } = await diagnose(ctx);
        if (o.json) ctx.printJson(report);
        else {
          for (const c of report.checks) {
            ctx.print(`${c.ok ? "ok  " : "FAIL"} ${c.name.padEnd(10)} ${c.detail}`);
            if (c.hint) ctx.print(`     ${"".padEnd(10)} hint: ${c.hint}`);
          }
          if (report.backend) {
            const c = report.backend.capabilities;
            ctx.print(
              `backend: ${report.backend.name} (persistent: ${c.persistent}, list consistency: ${c.listConsistency}, multi-process: ${c.multiProcess})`,
            );
          }
          ctx.print(report.healthy ? "healthy" : "unhealthy");
        }
        return exitCode;
      }),
    );
}
