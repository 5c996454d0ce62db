import { isStoreError, type StoreErrorCode } from "@blue/store-core";
import { CliError } from "./cli-error";
import { EXIT, type ExitCode } from "./exit-codes";

/** How the CLI reports one failure: a single line, a hint, an exit status. */
export interface FailureReport {
  message: string;
  hint?: string;
  exitCode: ExitCode;
  code?: string;
}

const BY_CODE: Record<StoreErrorCode, { exitCode: ExitCode; hint: string }> = {
  NOT_FOUND: { exitCode: EXIT.NOT_FOUND, hint: "list what exists with `blue-store dialogues list` or `blue-store docs list`" },
  ALREADY_EXISTS: { exitCode: EXIT.CONFLICT, hint: "the id is taken; choose another, or import with --on-conflict skip|replace" },
  CONDITION_FAILED: { exitCode: EXIT.CONFLICT, hint: "the data changed meanwhile; read it again and retry" },
  VALIDATION: {
    exitCode: EXIT.INVALID_INPUT,
    hint: "the value breaks a rule of the storage contract (ids, timestamps, JSON values, limits)",
  },
  ITEM_TOO_LARGE: { exitCode: EXIT.INVALID_INPUT, hint: "an item is limited to 350 KiB of JSON and a document body to 10 MiB" },
  UNAVAILABLE: { exitCode: EXIT.UNAVAILABLE, hint: "is the database reachable? `blue-store doctor` checks the connection" },
  CLOSED: { exitCode: EXIT.FAILURE, hint: "the storage was closed too early; re-run with --verbose and report it" },
  NOT_SUPPORTED: { exitCode: EXIT.FAILURE, hint: "the configured backend lacks this feature; `blue-store doctor` shows its capabilities" },
  CONFIG: { exitCode: EXIT.USAGE, hint: "fix .blue/config.toml (`blue-store doctor` checks it) or write one with `blue-store init`" },
  BACKEND_NOT_INSTALLED: { exitCode: EXIT.USAGE, hint: "install the backend package named above next to @blue/store-cli" },
  INTERNAL: { exitCode: EXIT.FAILURE, hint: "re-run with --verbose for the stack trace, and report it" },
};

/** One line of text: newlines in driver messages would break the one-line promise. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** Where the failure is reported: inside `doctor` a hint never says "run doctor". */
export interface DescribeContext {
  inDoctor?: boolean;
}

/** The hint for a CONFIG error, by what its details say the problem is. */
function configHint(details: Record<string, unknown>, inDoctor: boolean): string {
  if (details.credentials === true) {
    return "credentials come from the AWS SDK's credential chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO, an instance or task role), never from the config file";
  }
  if (details.missing === true) {
    return "create it with `blue-store init` (or check -C and the configured path, table_prefix and region)";
  }
  if (typeof details.file === "string" && /\.toml$/.test(details.file))
    return `fix ${details.file}${inDoctor ? "" : " (`blue-store doctor` checks it)"}`;
  return inDoctor ? "fix the configuration, or write one with `blue-store init`" : BY_CODE.CONFIG.hint;
}

/** Maps any thrown value to the line, hint and exit status the CLI prints. */
export function describeError(e: unknown, context: DescribeContext = {}): FailureReport {
  if (e instanceof CliError) return { message: oneLine(e.message), hint: e.hint, exitCode: e.exitCode };
  if (isStoreError(e)) {
    const known = BY_CODE[e.code] ?? BY_CODE.INTERNAL;
    const details = (e.details ?? {}) as Record<string, unknown>;
    let hint = known.hint;
    if (e.code === "CONFIG") hint = configHint(details, context.inDoctor === true);
    if (context.inDoctor && e.code === "UNAVAILABLE")
      hint = "is the database reachable? check the endpoint, the network and that the server is running";
    if (context.inDoctor && e.code === "NOT_SUPPORTED") hint = "the configured backend lacks this feature (see its capabilities above)";
    return { message: oneLine(e.message), hint, exitCode: known.exitCode, code: e.code };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { message: oneLine(message), hint: BY_CODE.INTERNAL.hint, exitCode: EXIT.FAILURE };
}

/** The line printed on stderr: `error: <message> (<CODE>) — hint: <hint>`. */
export function formatFailure(report: FailureReport): string {
  const code = report.code ? ` (${report.code})` : "";
  const hint = report.hint ? ` — hint: ${report.hint}` : "";
  return `error: ${report.message}${code}${hint}`;
}
