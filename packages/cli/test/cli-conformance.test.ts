import { readdir } from "node:fs/promises";
import { listTablesWithPrefix } from "@blue/store-dynamodb";
import { cliEnv, dynamoToml, lines, runCli, tempProject, writeProjectConfig, type RunResult, removeTempFolders } from "./helpers";

// The in-process AWS SDK client (table listing) would print its Node 20 notice into the test log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

describe("blue-store conformance", () => {
  afterAll(removeTempFolders);
  // The two full runs are independent: start both at once (the suite's longest waits).
  let sqliteRun: Promise<{ cwd: string; scratch: string; r: RunResult }>;
  let dynamoRun: Promise<{ prefix: string; r: RunResult }>;
  beforeAll(() => {
    sqliteRun = (async () => {
      const cwd = await tempProject();
      const scratch = await tempProject("blue-cf-tmp-");
      return { cwd, scratch, r: await runCli(["conformance"], { cwd, env: cliEnv({ TMPDIR: scratch }) }) };
    })();
    dynamoRun = (async () => {
      const cwd = await tempProject();
      const prefix = `cfcli${Date.now().toString(36)}_`;
      await writeProjectConfig(cwd, dynamoToml(prefix, false));
      return { prefix, r: await runCli(["conformance", "--json"], { cwd }) };
    })();
  });

  test("passes on the embedded SQLite default and leaves no file behind", async () => {
    const { cwd, scratch, r } = await sqliteRun;
    expect(r.stdout).toMatch(/^conformance: sqlite \(seed \d+, (\d+) cases, \d+ ms\)$/m);
    // Only the real-process cases skip: the command's harness declares no worker (visibly, with the reason).
    expect(r.stdout).toMatch(/^\d{3} passed, 0 failed, 6 skipped$/m);
    expect(r.stdout).toMatch(/^SKIP processes\.concurrentStatus: requires worker: the harness declares no worker/m);
    expect(r.code).toBe(0);
    expect(await readdir(scratch)).toEqual([]); // the per-case databases are gone
    expect(await readdir(cwd)).toEqual([]); // the project's own database was never created
  });

  test("passes on DynamoDB Local in its own table prefixes and deletes every table it made", async () => {
    const { prefix, r } = await dynamoRun;
    const report = JSON.parse(r.stdout) as {
      harness: string;
      passed: number;
      failed: number;
      results: Array<{ id: string; status: string; error?: string }>;
    };
    expect(report.results.filter((x) => x.status === "failed")).toEqual([]);
    expect(report.harness).toBe("dynamodb");
    expect(report.passed).toBeGreaterThan(100);
    expect(r.code).toBe(0);
    const settings = { region: "us-east-1", endpoint: process.env.BLUE_TEST_DYNAMODB_ENDPOINT! };
    process.env.AWS_ACCESS_KEY_ID ??= "local";
    process.env.AWS_SECRET_ACCESS_KEY ??= "local";
    expect(await listTablesWithPrefix(settings, prefix)).toEqual([]);
  });

  test("--filter runs a subset; a filter matching nothing is a usage error", async () => {
    const cwd = await tempProject();
    const r = await runCli(["conformance", "--filter", "export.importDialogue", "--seed", "7", "--json"], { cwd });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { seed: number; results: Array<{ id: string }> };
    expect(report.seed).toBe(7);
    expect(report.results.length).toBeGreaterThan(0);
    expect(report.results.every((x) => x.id.includes("export.importDialogue"))).toBe(true);
    const none = await runCli(["conformance", "--filter", "no-such-case"], { cwd });
    expect(none.code).toBe(2);
    expect(lines(none.stderr).slice(-1)[0]).toMatch(/^error: no conformance case id contains "no-such-case"/);
  });
});
