import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cliEnv, lines, runCli, tempProject, removeTempFolders } from "./helpers";

describe("blue-store commands on the embedded SQLite default", () => {
  afterAll(removeTempFolders);
  let cwd: string;
  beforeAll(async () => {
    cwd = await tempProject();
    expect((await runCli(["demo"], { cwd })).code).toBe(0);
  });

  test("dialogues export → import into another project reproduces the dialogue", async () => {
    const other = await tempProject();
    const out = await runCli(["dialogues", "export", "demo-dynamodb-migration", "-o", join(other, "d.json")], { cwd });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain("exported 1 dialogue to");
    const imported = await runCli(["dialogues", "import", "d.json", "--json"], { cwd: other });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ imported: ["demo-dynamodb-migration"] });
    const a = JSON.parse((await runCli(["dialogues", "show", "demo-dynamodb-migration", "--json"], { cwd })).stdout);
    const b = JSON.parse((await runCli(["dialogues", "show", "demo-dynamodb-migration", "--json"], { cwd: other })).stdout);
    expect({ ...b, exportedAt: "" }).toEqual({ ...a, exportedAt: "" });

    const again = await runCli(["dialogues", "import", "d.json"], { cwd: other });
    expect(again.code).toBe(5);
    expect(lines(again.stderr)).toEqual([
      expect.stringMatching(/^error: dialogue demo-dynamodb-migration already exists; nothing was imported — hint: pass --on-conflict/),
    ]);
    expect((await runCli(["dialogues", "import", "d.json", "--on-conflict", "replace"], { cwd: other })).code).toBe(0);

    // From stdin, as in `blue-store dialogues export x | blue-store -C other dialogues import -`.
    const piped = await runCli(["dialogues", "import", "-", "--on-conflict", "skip"], {
      cwd: other,
      input: await readFile(join(other, "d.json"), "utf8"),
    });
    expect(piped.code).toBe(0);

    const deleted = await runCli(["dialogues", "delete", "demo-dynamodb-migration"], { cwd: other });
    expect(deleted.code).toBe(0);
    expect((await runCli(["dialogues", "show", "demo-dynamodb-migration"], { cwd: other })).code).toBe(3);
  });

  test("docs add, get, list, search and delete", async () => {
    await writeFile(join(cwd, "note.md"), "Quarterly capacity notes: DynamoDB on-demand pricing for the zebra workload.");
    const added = await runCli(
      ["docs", "add", "--title", "Capacity notes", "--file", "note.md", "--kind", "note", "--metadata", '{"team":"sre"}'],
      { cwd },
    );
    expect(added.code).toBe(0);
    const id = Number(added.stdout.trim());
    expect(id).toBeGreaterThan(0);
    const got = JSON.parse((await runCli(["docs", "get", String(id), "--json"], { cwd })).stdout);
    expect(got).toMatchObject({ id, title: "Capacity notes", kind: "note", metadata: { team: "sre" } });
    const hits = JSON.parse((await runCli(["docs", "search", "zebra", "workload", "--json"], { cwd })).stdout) as Array<{ id: number }>;
    expect(hits.map((h) => h.id)).toEqual([id]);
    const listed = JSON.parse((await runCli(["docs", "list", "--limit", "2", "--json"], { cwd })).stdout) as {
      items: unknown[];
      cursor?: string;
    };
    expect(listed.items).toHaveLength(2);
    expect(typeof listed.cursor).toBe("string");
    expect((await runCli(["docs", "delete", String(id)], { cwd })).code).toBe(0);
    const gone = await runCli(["docs", "get", String(id)], { cwd });
    expect(gone.code).toBe(3);
    expect(lines(gone.stderr)).toEqual([
      `error: document ${id} not found (NOT_FOUND) — hint: list what exists with \`blue-store dialogues list\` or \`blue-store docs list\``,
    ]);
  });

  test("links add, from, to, list and remove", async () => {
    const add = await runCli(
      [
        "links",
        "add",
        "dialogue:demo-dynamodb-migration/tension:T04",
        "document:1",
        "tracked-in",
        "--metadata",
        '{"ticket":"OPS-7"}',
        "--json",
      ],
      { cwd },
    );
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ kind: "tracked-in", metadata: { ticket: "OPS-7" } });
    const to = JSON.parse((await runCli(["links", "to", "document:1", "--kind", "tracked-in", "--json"], { cwd })).stdout) as Array<{
      from: string;
    }>;
    expect(to.map((l) => l.from)).toEqual(["dialogue:demo-dynamodb-migration/tension:T04"]);
    const from = await runCli(["links", "from", "dialogue:demo-dynamodb-migration/tension:T04"], { cwd });
    expect(from.stdout).toContain("--tracked-in--> document:1");
    expect(lines((await runCli(["links", "list"], { cwd })).stdout)).toHaveLength(9);
    expect(
      (await runCli(["links", "remove", "dialogue:demo-dynamodb-migration/tension:T04", "document:1", "tracked-in"], { cwd })).code,
    ).toBe(0);
    expect(
      (await runCli(["links", "remove", "dialogue:demo-dynamodb-migration/tension:T04", "document:1", "tracked-in"], { cwd })).code,
    ).toBe(3);
    const bad = await runCli(["links", "from", "not a ref"], { cwd });
    expect(bad.code).toBe(4);
    expect(lines(bad.stderr)).toHaveLength(1);
  });

  test("--verbose adds the stack trace; without it a failure is one line", async () => {
    const plain = await runCli(["dialogues", "show", "missing"], { cwd });
    expect(lines(plain.stderr)).toHaveLength(1);
    const verbose = await runCli(["dialogues", "show", "missing", "--verbose"], { cwd });
    expect(verbose.code).toBe(3);
    expect(lines(verbose.stderr)[0]).toBe(lines(plain.stderr)[0]);
    expect(verbose.stderr).toMatch(/^NotFoundError: .*missing/m);
    expect(verbose.stderr).toMatch(/^\s+at /m);
  });

  test("--help works on every command and exits 0", async () => {
    const commands = [
      [],
      ["demo"],
      ["init"],
      ["doctor"],
      ["dialogues"],
      ["dialogues", "list"],
      ["dialogues", "show"],
      ["dialogues", "export"],
      ["dialogues", "import"],
      ["dialogues", "delete"],
      ["docs", "add"],
      ["docs", "get"],
      ["docs", "search"],
      ["links"],
      ["links", "add"],
      ["migrate"],
      ["conformance"],
    ];
    for (const c of commands) {
      const r = await runCli([...c, "--help"], { cwd });
      expect({ c, code: r.code }).toEqual({ c, code: 0 });
      expect(r.stdout).toContain("Usage: blue-store");
    }
    const top = await runCli(["--help"], { cwd });
    expect(top.stdout).toContain("Exit status: 0 ok");
  });

  test("init writes .blue/config.toml and creates the database; refuses to overwrite without --force", async () => {
    const fresh = await tempProject();
    const init = await runCli(["init", "--path", "data/store.db"], { cwd: fresh });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("ready: sqlite data/store.db");
    expect(await readFile(join(fresh, ".blue", "config.toml"), "utf8")).toContain('path = "data/store.db"');
    await expect(readFile(join(fresh, "data", "store.db"))).resolves.toBeInstanceOf(Buffer);
    const twice = await runCli(["init"], { cwd: fresh });
    expect(twice.code).toBe(5);
    expect(lines(twice.stderr)).toEqual([
      "error: .blue/config.toml already exists — hint: pass --force to overwrite it, or `blue-store doctor` to check it",
    ]);
    expect((await runCli(["init", "--force"], { cwd: fresh })).code).toBe(0);
    const doctor = await runCli(["doctor"], { cwd: fresh });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain(".blue/config.toml");
  });

  test("init --backend dynamodb creates the table; doctor and the demo then work on DynamoDB Local", async () => {
    const fresh = await tempProject();
    const endpoint = process.env.BLUE_TEST_DYNAMODB_ENDPOINT!;
    const prefix = `init${Date.now().toString(36)}_`;
    const before = await runCli(["init", "--backend", "dynamodb", "--endpoint", "http://127.0.0.1:1", "--table-prefix", prefix], {
      cwd: fresh,
      env: cliEnv({ AWS_MAX_ATTEMPTS: "1" }),
    });
    expect(before.code).toBe(6); // unreachable: nothing written
    await expect(readFile(join(fresh, ".blue", "config.toml"))).rejects.toMatchObject({ code: "ENOENT" });
    const init = await runCli(["init", "--backend", "dynamodb", "--endpoint", endpoint, "--table-prefix", prefix, "--json"], {
      cwd: fresh,
    });
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ backend: "dynamodb", settings: { tablePrefix: prefix, createTables: false } });
    const doctor = JSON.parse((await runCli(["doctor", "--json"], { cwd: fresh })).stdout) as {
      healthy: boolean;
      backend: { name: string; capabilities: { listConsistency: string } };
    };
    expect(doctor).toMatchObject({ healthy: true, backend: { name: "dynamodb", capabilities: { listConsistency: "eventual" } } });
    const demo = await runCli(["demo"], { cwd: fresh });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain(`Blue Store demo on dynamodb tables ${prefix}* in us-east-1 at ${endpoint}`);
  });
});
