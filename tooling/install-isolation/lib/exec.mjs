// Runs commands for the install-isolation check: captured output, a time limit, and the
// duration, so the summary can say what ran and how long it took.
import { spawn } from "node:child_process";

/**
 * Runs `command args` in `cwd`; resolves { code, stdout, stderr, ms } (never rejects on a
 * non-zero exit). `timeoutMs` kills the process group and reports code "TIMEOUT".
 */
export function run(command, args, { cwd, env = process.env, timeoutMs = 600_000, echo = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (echo) process.stderr.write(chunk);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? "TIMEOUT" : code, stdout, stderr, ms: Date.now() - started });
    };
    child.on("error", (error) => {
      stderr += String(error);
      finish("SPAWN_ERROR");
    });
    child.on("close", finish);
  });
}

/** Like `run`, but throws with the command's output when it does not exit 0. */
export async function runOrThrow(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-25).join("\n");
    throw new Error(`\`${command} ${args.join(" ")}\` in ${options?.cwd ?? process.cwd()} exited ${result.code}:\n${tail}`);
  }
  return result;
}

/** "1m 52s" / "3.4s". */
export function formatMs(ms) {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;
}
