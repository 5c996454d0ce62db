import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runCli, tempProject, removeTempFolders } from "./helpers";

afterAll(removeTempFolders);

describe("blue-store store: the generic stores from the command line", () => {
  test("put, get, query (pages), list with counts, delete — human and --json", async () => {
    const folder = await tempProject("blue-store-cmd-");
    await mkdir(join(folder, ".blue"));
    for (const [pk, sk] of [
      ["user#1", "a"],
      ["user#1", "b"],
      ["user#1", "c"],
      ["user#2", "a"],
    ] as const) {
      const r = await runCli(["store", "put", "sessions", pk, sk, "--item", JSON.stringify({ pk, sk, n: sk })], { cwd: folder });
      expect([r.code, r.stdout.trim()]).toEqual([0, `stored (${JSON.stringify(pk)}, ${JSON.stringify(sk)}) in store sessions`]);
    }
    await writeFile(join(folder, "item.json"), '{"theme":"dark"}');
    expect((await runCli(["store", "put", "prefs", "u1", "ui", "--file", "item.json"], { cwd: folder })).code).toBe(0);
    const taken = await runCli(["store", "put", "prefs", "u1", "ui", "--item", "{}", "--if-not-exists"], { cwd: folder });
    expect(taken.code).toBe(5);

    const got = await runCli(["store", "get", "sessions", "user#1", "b", "--json"], { cwd: folder });
    expect(JSON.parse(got.stdout)).toEqual({ pk: "user#1", sk: "b", n: "b" });
    const missing = await runCli(["store", "get", "sessions", "user#1", "zz"], { cwd: folder });
    expect(missing.code).toBe(3);

    const page = await runCli(["store", "query", "sessions", "user#1", "--limit", "2", "--json"], { cwd: folder });
    const first = JSON.parse(page.stdout) as { items: Array<{ sk: string }>; cursor: string };
    expect(first.items.map((i) => i.sk)).toEqual(["a", "b"]);
    const rest = await runCli(["store", "query", "sessions", "user#1", "--cursor", first.cursor, "--limit", "2", "--json"], {
      cwd: folder,
    });
    expect((JSON.parse(rest.stdout) as { items: Array<{ sk: string }> }).items.map((i) => i.sk)).toEqual(["c"]);
    const reverse = await runCli(["store", "query", "sessions", "user#1", "", "--reverse"], { cwd: folder });
    expect(
      reverse.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { sk: string }).sk),
    ).toEqual(["c", "b", "a"]);

    const list = await runCli(["store", "list", "--json"], { cwd: folder });
    expect(JSON.parse(list.stdout)).toEqual([
      { name: "prefs", items: 1 },
      { name: "sessions", items: 4 },
    ]);
    const table = await runCli(["store", "list"], { cwd: folder });
    expect(table.stdout).toMatch(/^STORE +ITEMS\nprefs +1\nsessions +4\n$/);

    const del = await runCli(["store", "delete", "sessions", "user#2", "a", "--json"], { cwd: folder });
    expect(JSON.parse(del.stdout)).toEqual({ deleted: { store: "sessions", pk: "user#2", sk: "a" } });
    expect((await runCli(["store", "delete", "sessions", "user#2", "a"], { cwd: folder })).code).toBe(3);
  });

  test("backup to stdout piped into restore - elsewhere reproduces the store", async () => {
    const folder = await tempProject("blue-store-pipe-");
    await mkdir(join(folder, ".blue"));
    expect((await runCli(["store", "put", "prefs", "u1", "ui", "--item", '{"theme":"dark"}'], { cwd: folder })).code).toBe(0);
    expect((await runCli(["docs", "add", "--title", "t", "--body", "b"], { cwd: folder })).code).toBe(0);
    const backup = await runCli(["backup"], { cwd: folder });
    expect(backup.code).toBe(0);
    expect(backup.stdout.split("\n").filter(Boolean)).toHaveLength(4);
    const other = await tempProject("blue-store-pipe-to-");
    const restored = await runCli(["restore", "-"], { cwd: other, input: backup.stdout });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain("verified: all 2 records of the backup read back identical");
    const again = await runCli(["backup"], { cwd: other });
    expect(again.stdout.slice(again.stdout.indexOf("\n"))).toBe(backup.stdout.slice(backup.stdout.indexOf("\n")));
  });
});
