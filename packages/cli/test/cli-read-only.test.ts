import { readdirSync } from "node:fs";
import { mkdir, writeFile, symlink, link } from "node:fs/promises";
import { join } from "node:path";
import { openSqliteStorage } from "@blue/store-sqlite";
import { cliEnv, dynamoToml, runCli, tempProject, writeProjectConfig, removeTempFolders } from "./helpers";

afterAll(removeTempFolders);

/** Every file and folder under `dir`, relative, sorted. */
function tree(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? [`${prefix}${e.name}/`, ...tree(dir, `${prefix}${e.name}/`)] : [`${prefix}${e.name}`]))
    .sort();
}

const READ_ONLY: string[][] = [
  ["dialogues", "list"],
  ["dialogues", "show", "d1"],
  ["dialogues", "export", "--all"],
  ["dialogues", "export", "d1"],
  ["dialogues", "delete", "d1"],
  ["docs", "get", "1"],
  ["docs", "list"],
  ["docs", "search", "storage"],
  ["docs", "delete", "1"],
  ["links", "list"],
  ["links", "from", "dialogue:d1"],
  ["links", "to", "document:1"],
  ["links", "remove", "dialogue:d1", "document:1", "cites"],
  ["store", "list"],
  ["store", "get", "sessions", "p", "s"],
  ["store", "query", "sessions", "p"],
  ["store", "delete", "sessions", "p", "s"],
  ["doctor"],
  ["doctor", "--json"],
  ["backup", "-o", "out.bsb"],
  ["migrate", "--dry-run", "--to", "target.toml"],
];

describe("read-only commands never create anything", () => {
  test("every read-only command in an empty folder exits non-zero, says to run `blue-store init`, and creates nothing", async () => {
    const folder = await tempProject("blue-readonly-");
    await writeFile(join(folder, "target.toml"), '[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = "target.db"\n');
    for (const args of READ_ONLY) {
      const r = await runCli(args, { cwd: folder });
      expect({ args, code: r.code === 0 ? 0 : "non-zero" }).toEqual({ args, code: "non-zero" });
      expect({ args, hint: /blue-store init/.test(r.stdout + r.stderr) }).toEqual({ args, hint: true });
      expect({ args, files: tree(folder) }).toEqual({ args, files: ["target.toml"] });
    }
    const doctor = await runCli(["doctor"], { cwd: folder });
    expect(doctor.stdout).toMatch(/^FAIL open +there is no Blue Store database at .*\.blue\/blue\.db/m);
    expect(doctor.stdout).not.toMatch(/hint:.*blue-store doctor/);
    expect(doctor.stdout).toMatch(/unhealthy/);
  });

  test("migrate --dry-run writes nothing on either side: a DynamoDB target with create_tables = true is not created", async () => {
    const folder = await tempProject("blue-readonly-dry-");
    await mkdir(join(folder, ".blue"));
    const s = await openSqliteStorage({ path: join(folder, ".blue", "blue.db") });
    await s.dialogues.createDialogue({ id: "d1", title: "one" });
    await s.documents.addDocument({ title: "t", body: "b" });
    await s.store<{ v: number }>({ name: "sessions", key: () => ({ pk: "p", sk: "s" }) }).put({ v: 1 });
    await s.close();
    const prefix = `dry${Date.now().toString(36)}_`;
    await writeFile(join(folder, "dynamo.toml"), dynamoToml(prefix, true));
    const before = tree(folder);
    const dry = await runCli(["migrate", "--dry-run", "--to", "dynamo.toml", "--json"], { cwd: folder });
    expect(dry.code).toBe(0);
    const result = JSON.parse(dry.stdout) as {
      dryRun: boolean;
      targetExists: boolean;
      items: { copied: number };
      dialogues: { copied: number };
    };
    expect(result).toMatchObject({ dryRun: true, targetExists: false, items: { copied: 1 }, dialogues: { copied: 1 } });
    expect(tree(folder)).toEqual(before);
    // The table was not created: a project on it finds it missing.
    const probe = await tempProject("blue-readonly-probe-");
    await writeProjectConfig(probe, dynamoToml(prefix, false));
    const doctor = await runCli(["doctor"], { cwd: probe });
    expect(doctor.code).not.toBe(0);
    expect(doctor.stdout).toMatch(/FAIL open .*does not exist/);
    expect(doctor.stdout).toMatch(/hint: create it with `blue-store init`/);
  });
});

describe("issue 15 item 2: migrate onto the same store is refused by identity, exit 2 before anything is read", () => {
  test("a symlinked folder, ../ segments, a hard link and BLUE_SQLITE_PATH naming the source file are all refused", async () => {
    const folder = await tempProject("blue-same-");
    await mkdir(join(folder, ".blue"));
    const s = await openSqliteStorage({ path: join(folder, ".blue", "blue.db") });
    await s.dialogues.createDialogue({ id: "d1", title: "one" });
    await s.close();
    await symlink(join(folder, ".blue"), join(folder, "alias"));
    await link(join(folder, ".blue", "blue.db"), join(folder, "hard.db"));
    const targets: Record<string, string> = {
      "symlinked folder": "alias/blue.db",
      "dot segments": "./.blue/../.blue/./blue.db",
      "hard link": "hard.db",
    };
    for (const [name, path] of Object.entries(targets)) {
      await writeFile(
        join(folder, `${name.replace(/ /g, "-")}.toml`),
        `[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = ${JSON.stringify(path)}\n`,
      );
      const r = await runCli(["migrate", "--to", `${name.replace(/ /g, "-")}.toml`], { cwd: folder });
      expect({ name, code: r.code }).toEqual({ name, code: 2 });
      expect(r.stderr).toMatch(/the target is the configured source itself/);
      expect(r.stderr).not.toMatch(/migrating from/);
    }
    // The source named by BLUE_SQLITE_PATH, the target by its file: the same file.
    const other = await tempProject("blue-same-env-");
    await writeFile(
      join(other, "t.toml"),
      `[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = ${JSON.stringify(join(folder, "hard.db"))}\n`,
    );
    const r = await runCli(["migrate", "--to", "t.toml"], {
      cwd: other,
      env: cliEnv({ BLUE_SQLITE_PATH: join(folder, "alias", "blue.db") }),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the target is the configured source itself/);
  });

  test("DynamoDB: the same endpoint, region and table is refused however the endpoint is spelled", async () => {
    const folder = await tempProject("blue-same-dyn-");
    const prefix = `same${Date.now().toString(36)}_`;
    await writeProjectConfig(folder, dynamoToml(prefix));
    const endpoint = process.env.BLUE_TEST_DYNAMODB_ENDPOINT!.replace("127.0.0.1", "localhost");
    await writeFile(join(folder, "t.toml"), dynamoToml(prefix).replace(/endpoint = "[^"]+"/, `endpoint = "${endpoint}/"`));
    const r = await runCli(["migrate", "--to", "t.toml"], { cwd: folder });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the target is the configured source itself/);
  });
});
