import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The built executable, run as a user would: `node dist/bin.cjs`. */
export const BIN = resolve(__dirname, "../dist/bin.cjs");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a spawned CLI: no BLUE_* overrides from the test runner, dummy AWS credentials for DynamoDB Local. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("BLUE_") && !k.startsWith("AWS_")));
  return { ...env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_REGION: "us-east-1", ...extra };
}

/** Runs `blue-store <args>` in `cwd` and collects its output and exit status. */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env ?? cliEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

const created: string[] = [];

/** A fresh, empty temporary folder (a project, a scratch dir); `removeTempFolders` deletes it. */
export async function tempProject(name = "blue-cli-"): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), name));
  created.push(folder);
  return folder;
}

/** Deletes every folder `tempProject` made in this test file (call from afterAll). */
export async function removeTempFolders(): Promise<void> {
  for (const folder of created.splice(0)) await rm(folder, { recursive: true, force: true });
}

/** Writes `<folder>/.blue/config.toml`. */
export async function writeProjectConfig(folder: string, toml: string): Promise<void> {
  await mkdir(join(folder, ".blue"), { recursive: true });
  await writeFile(join(folder, ".blue", "config.toml"), toml);
}

/** A DynamoDB config for the test server with a table prefix of its own. */
export function dynamoToml(prefix: string, createTables = true): string {
  const endpoint = process.env.BLUE_TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error("BLUE_TEST_DYNAMODB_ENDPOINT is not set (jest globalSetup starts DynamoDB Local)");
  return `[storage]\nbackend = "dynamodb"\n\n[storage.dynamodb]\ntable_prefix = "${prefix}"\nregion = "us-east-1"\nendpoint = "${endpoint}"\ncreate_tables = ${createTables}\n`;
}

/** The non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split("\n").filter((l) => l.trim() !== "");
}
