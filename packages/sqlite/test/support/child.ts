import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";

/** Starts `node test/fixtures/<script> ...args` from the package folder. */
export function startFixture(script: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [join(__dirname, "..", "fixtures", script), ...args], { cwd: join(__dirname, "..", "..") });
}

/** Resolves when the child has printed a line equal to `line`. */
export function waitForLine(child: ChildProcessWithoutNullStreams, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      if (buffer.split("\n").includes(line)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited (${code}) before printing ${line}`)));
  });
}

/** Resolves with the exit code, stdout and stderr of a child. */
export function finished(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
