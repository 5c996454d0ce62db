import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cliEnv, lines, runCli, tempProject, writeProjectConfig, type RunResult, removeTempFolders } from "./helpers";

/** A failure the way the CLI promises it: one line on stderr, nothing on stdout, this exit status. */
function expectOneLineFailure(r: RunResult, code: number, pattern: RegExp): void {
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code, stdout: "" });
  const err = lines(r.stderr);
  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(/^error: .+ — hint: .+/);
  expect(err[0]).toMatch(pattern);
}

const sha = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

describe("bad input: one line, a non-zero exit, nothing changed", () => {
  afterAll(removeTempFolders);
  let cwd: string;
  let before: string;
  const dbFile = () => join(cwd, ".blue", "blue.db");
  beforeAll(async () => {
    cwd = await tempProject();
    expect((await runCli(["demo"], { cwd })).code).toBe(0);
    before = (await runCli(["dialogues", "export", "--all"], { cwd })).stdout;
  });
  afterEach(async () => {
    // Nothing changed: the same dialogues, exported the same way.
    const after = (await runCli(["dialogues", "export", "--all"], { cwd })).stdout;
    expect(after.replace(/"exportedAt": "[^"]+"/g, "")).toBe(before.replace(/"exportedAt": "[^"]+"/g, ""));
  });

  test("a missing config file for migrate --to", async () => {
    expectOneLineFailure(
      await runCli(["migrate", "--to", "nowhere.toml"], { cwd }),
      2,
      /cannot read the config file nowhere\.toml: ENOENT/,
    );
  });

  test("a broken config file", async () => {
    const broken = await tempProject();
    await writeProjectConfig(broken, '[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = unquoted.db\n');
    expectOneLineFailure(await runCli(["dialogues", "list"], { cwd: broken }), 2, /config\.toml:4:\d+: invalid TOML.*\(CONFIG\)/);
    await writeProjectConfig(broken, '[storage]\nbackend = "sqllite"\n');
    expectOneLineFailure(await runCli(["demo"], { cwd: broken }), 2, /sqllite.*\(CONFIG\)/);
    const doctor = await runCli(["doctor"], { cwd: broken });
    expect(doctor.code).toBe(2);
    expect(doctor.stdout).toMatch(/^FAIL config /);
    expect(doctor.stdout).toContain("unhealthy");
    await expect(readFile(join(broken, ".blue", "blue.db"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("a missing dialogue id", async () => {
    const hash = await sha(dbFile());
    expectOneLineFailure(await runCli(["dialogues", "show", "no-such-dialogue"], { cwd }), 3, /dialogue.*no-such-dialogue.*\(NOT_FOUND\)/);
    expectOneLineFailure(await runCli(["dialogues", "delete", "no-such-dialogue"], { cwd }), 3, /dialogue no-such-dialogue not found/);
    expectOneLineFailure(await runCli(["dialogues", "export", "no-such-dialogue"], { cwd }), 3, /no-such-dialogue/);
    expectOneLineFailure(await runCli(["dialogues", "show"], { cwd }), 2, /missing required argument 'id'/);
    expect(await sha(dbFile())).toBe(hash);
  });

  test("an unreadable file to import", async () => {
    expectOneLineFailure(await runCli(["dialogues", "import", "missing.json"], { cwd }), 4, /cannot read missing\.json: ENOENT/);
    await mkdir(join(cwd, "a-folder"), { recursive: true });
    expectOneLineFailure(await runCli(["dialogues", "import", "a-folder"], { cwd }), 4, /cannot read a-folder: EISDIR/);
  });

  test("a malformed export file", async () => {
    await writeFile(join(cwd, "truncated.json"), '{"format": "blue.dialogue-export", "version": 1, ');
    expectOneLineFailure(await runCli(["dialogues", "import", "truncated.json"], { cwd }), 4, /truncated\.json is not valid JSON/);
    await writeFile(join(cwd, "wrong.json"), JSON.stringify({ format: "something-else" }));
    expectOneLineFailure(
      await runCli(["dialogues", "import", "wrong.json"], { cwd }),
      4,
      /wrong\.json is not a valid dialogue export: export format/,
    );
    // A file whose second export is bad imports nothing, not even the first.
    const good = JSON.parse((await runCli(["dialogues", "export", "demo-dynamodb-migration"], { cwd })).stdout);
    const fresh = { ...good, dialogue: { ...good.dialogue, id: "would-be-new" }, perspectives: [], tensions: [], links: [] };
    const bad = { ...good, tensions: [{ ...good.tensions[0], events: [] }] };
    await writeFile(join(cwd, "mixed.json"), JSON.stringify([fresh, bad]));
    expectOneLineFailure(
      await runCli(["dialogues", "import", "mixed.json", "--on-conflict", "replace"], { cwd }),
      4,
      /mixed\.json \(item 1\) is not a valid dialogue export: export tensions\[0\]\.events/,
    );
    expect((await runCli(["dialogues", "show", "would-be-new"], { cwd })).code).toBe(3);
  });

  test("a migration onto the source itself is refused", async () => {
    await writeFile(join(cwd, "same.toml"), '[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = ".blue/blue.db"\n');
    expectOneLineFailure(await runCli(["migrate", "--to", "same.toml"], { cwd }), 2, /the target is the configured source itself/);
  });

  test("doctor never prints credentials, even ones pasted into an endpoint URL", async () => {
    const leaky = await tempProject();
    await writeProjectConfig(
      leaky,
      '[storage]\nbackend = "dynamodb"\n\n[storage.dynamodb]\nendpoint = "http://AKIAEXAMPLE:s3cr3t@127.0.0.1:1/?X-Amz-Security-Token=t0k3n"\n',
    );
    const r = await runCli(["doctor", "--json"], {
      cwd: leaky,
      env: cliEnv({ AWS_ACCESS_KEY_ID: "AKIAENVKEY", AWS_SECRET_ACCESS_KEY: "envs3cr3t", AWS_MAX_ATTEMPTS: "1" }),
    });
    expect(r.code).toBe(2); // @blue/store-config refuses credentials in the file
    const report = JSON.parse(r.stdout) as { healthy: boolean; checks: Array<{ name: string; ok: boolean; detail: string }> };
    expect(report.healthy).toBe(false);
    expect(report.checks).toEqual([
      expect.objectContaining({ name: "config", ok: false, detail: expect.stringMatching(/endpoint contains credentials/) }),
    ]);
    for (const secret of ["AKIAEXAMPLE", "s3cr3t", "t0k3n", "AKIAENVKEY", "envs3cr3t"]) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  test("bad options and arguments are usage errors", async () => {
    expectOneLineFailure(await runCli(["dialogues", "list", "--status", "closed"], { cwd }), 2, /argument 'closed' is invalid/);
    expectOneLineFailure(
      await runCli(["docs", "search", "x", "--limit", "0"], { cwd }),
      2,
      /--limit must be a whole number from 1 to 1000/,
    );
    expectOneLineFailure(
      await runCli(["docs", "add", "--title", "t", "--body", "b", "--metadata", "[1]"], { cwd }),
      2,
      /--metadata must be a JSON object/,
    );
    expectOneLineFailure(await runCli(["nope"], { cwd }), 2, /unknown command 'nope'/);
  });
});
