import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openSqliteStorage } from "@blue/store-sqlite";
import type { JsonObject, StorageBackend } from "@blue/store-core";
import { BIN, cliEnv, dynamoToml, runCli, tempProject, writeProjectConfig, removeTempFolders } from "./helpers";
import { seedClock, seedCorpus } from "./seed";

const HOSTILE = ["#", "a#b", "%23", "/", "\u0000", "a\u0000b", "\u0001", "😀", "\uffff", " ", "\\", "'", '"', "\u001b[2J", "\u009b", "é"];
const LONG_PK = "k".repeat(2040) + "😀😀";
const NEAR_LIMIT = 350 * 1024 - 200;

/** Generic items in three stores: hostile keys, a 2,048-byte pk, items near 350 KiB, and enough of them to page. */
async function seedStores(storage: StorageBackend): Promise<number> {
  let n = 0;
  const put = async (name: string, pk: string, sk: string, item: JsonObject) => {
    await storage.store<JsonObject>({ name, key: () => ({ pk, sk }) }).put(item);
    n++;
  };
  for (const pk of HOSTILE) for (const sk of HOSTILE) await put("sessions", pk, sk, { pk, sk, user: `${pk}|${sk}` });
  await put("blobs", LONG_PK, "s".repeat(1020) + "😀", { v: "long key" });
  for (let i = 0; i < 3; i++) {
    const item = { i, pad: "" };
    item.pad = "x".repeat(NEAR_LIMIT - Buffer.byteLength(JSON.stringify(item)));
    await put("blobs", "big", `b${i}`, item);
  }
  for (let i = 0; i < 2200; i++)
    await put("counters.v2", `user-${i % 40}`, `day-${String(i).padStart(5, "0")}`, {
      n: i,
      nested: { ok: i % 2 === 0, list: [i, null, "é"] },
    });
  return n;
}

/** Records of a backup without its header (the only line that may differ between equal stores). */
function withoutHeader(file: string): string {
  const text = readFileSync(file, "utf8");
  return text.slice(text.indexOf("\n") + 1);
}

function headerOf(file: string): Record<string, unknown> {
  const text = readFileSync(file, "utf8");
  return JSON.parse(text.slice(0, text.indexOf("\n"))) as Record<string, unknown>;
}

/** Spawns blue-store and SIGKILLs it at the first stderr line that matches. */
async function killAt(args: string[], cwd: string, when: RegExp): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv() });
  const seen: string[] = [];
  const line = await new Promise<string>((done, fail) => {
    let buffer = "";
    child.stderr.on("data", (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      for (const l of parts) {
        seen.push(l);
        if (when.test(l)) {
          child.kill("SIGKILL");
          done(l);
        }
      }
    });
    child.on("close", (code, signal) =>
      fail(new Error(`${args[0]} ended (${code ?? signal}) before it could be killed: ${seen.join(" | ")}`)),
    );
  });
  await new Promise((r) => child.once("close", r));
  expect(child.signalCode).toBe("SIGKILL");
  return line;
}

describe("blue-store backup, restore and migrate move every byte (SQLite → DynamoDB Local → SQLite)", () => {
  afterAll(removeTempFolders);
  const run = Date.now().toString(36);
  let first: string;
  let items = 0;

  beforeAll(async () => {
    first = await tempProject("blue-backup-a-");
    await mkdir(join(first, ".blue"));
    const storage = await openSqliteStorage({ path: join(first, ".blue", "blue.db"), clock: seedClock(), synchronous: "normal" });
    await seedCorpus(storage, { dialogues: 30, documents: 60 });
    await storage.documents.addDocument({ title: "five MiB", body: "word ".repeat((5 * 1024 * 1024) / 5), kind: "big" });
    items = await seedStores(storage);
    await storage.close();
  });

  test("backup of the first store and of the last are identical apart from the header's time", async () => {
    const a = await runCli(["backup", "-o", "a.bsb"], { cwd: first });
    expect(a.code).toBe(0);
    expect(a.stderr).toContain(`${items} generic items`);
    expect(existsSync(join(first, "a.bsb.partial"))).toBe(false);
    expect(headerOf(join(first, "a.bsb"))).toMatchObject({ kind: "header", format: "blue.store-backup", version: 1, source: "sqlite" });

    const dynamo = await tempProject("blue-backup-b-");
    await writeProjectConfig(dynamo, dynamoToml(`bk${run}_`));
    const restored = await runCli(["restore", join(first, "a.bsb"), "--json"], { cwd: dynamo });
    expect(restored.code).toBe(0);
    const report = JSON.parse(restored.stdout) as { ok: boolean; differenceCount: number; tally: { item: { copied: number } } };
    expect(report).toMatchObject({ ok: true, differenceCount: 0 });
    expect(report.tally.item.copied).toBe(items);

    // The DynamoDB store's own backup holds the same records.
    const b = await runCli(["backup", "-o", join(first, "b.bsb")], { cwd: dynamo });
    expect(b.code).toBe(0);
    expect(headerOf(join(first, "b.bsb")).source).toBe("dynamodb");
    expect(withoutHeader(join(first, "b.bsb"))).toBe(withoutHeader(join(first, "a.bsb")));

    // DynamoDB → a new SQLite file with migrate, which copies generic stores and verifies them.
    const last = await tempProject("blue-backup-c-");
    await writeProjectConfig(last, '[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = "data/last.db"\n');
    const migrated = await runCli(["migrate", "--to", join(last, ".blue", "config.toml")], { cwd: dynamo });
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(
      `items      ${String(items).padStart(7)} in the source: ${items} copied, 0 already there, 0 different (overwritten)`,
    );
    expect(migrated.stdout).toContain(`items ${items}/${items}`);
    expect(migrated.stdout).toContain("OK: the target holds exactly the source's data");

    const c = await runCli(["backup", "-o", join(first, "c.bsb")], { cwd: last });
    expect(c.code).toBe(0);
    const [ha, hc] = [headerOf(join(first, "a.bsb")), headerOf(join(first, "c.bsb"))];
    expect({ ...hc, createdAt: "" }).toEqual({ ...ha, createdAt: "" });
    expect(withoutHeader(join(first, "c.bsb"))).toBe(withoutHeader(join(first, "a.bsb")));
  });

  test("kill -9 during backup, restore and migrate: a re-run completes and verifies", async () => {
    // backup: the killed run leaves only <file>.partial, never a truncated file under the final name.
    await killAt(["backup", "-o", "k.bsb"], first, /^backup items /);
    expect(existsSync(join(first, "k.bsb"))).toBe(false);
    const again = await runCli(["backup", "-o", "k.bsb"], { cwd: first });
    expect(again.code).toBe(0);
    expect(withoutHeader(join(first, "k.bsb"))).toBe(withoutHeader(join(first, "a.bsb")));

    // restore: killed part-way, the re-run skips what is there and verifies everything.
    const target = await tempProject("blue-backup-r-");
    await killAt(["restore", join(first, "a.bsb")], target, /^restore 1000\//);
    const resumed = await runCli(["restore", join(first, "a.bsb"), "--json"], { cwd: target });
    expect(resumed.code).toBe(0);
    const r = JSON.parse(resumed.stdout) as {
      ok: boolean;
      tally: Record<string, { unchanged: number; copied: number; different: number }>;
    };
    expect(r.ok).toBe(true);
    expect(Object.values(r.tally).reduce((n, t) => n + t.unchanged, 0)).toBeGreaterThanOrEqual(900);
    expect(resumed.stderr).toMatch(/already there/);
    const check = await runCli(["backup", "-o", join(first, "r.bsb")], { cwd: target });
    expect(check.code).toBe(0);
    expect(withoutHeader(join(first, "r.bsb"))).toBe(withoutHeader(join(first, "a.bsb")));

    // migrate: killed while copying generic items, the re-run finishes and verifies item by item.
    await writeFile(join(first, "m.toml"), '[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = "m.db"\n');
    await killAt(["migrate", "--to", "m.toml"], first, /^items 1000 /);
    const finished = await runCli(["migrate", "--to", "m.toml", "--json"], { cwd: first });
    expect(finished.code).toBe(0);
    const m = JSON.parse(finished.stdout) as {
      ok: boolean;
      items: { source: number; unchanged: number; copied: number };
      verification: { items: { source: number; target: number } };
    };
    expect(m.ok).toBe(true);
    expect(m.items.source).toBe(items);
    expect(m.items.unchanged).toBeGreaterThanOrEqual(1000);
    expect(m.items.unchanged + m.items.copied).toBe(items);
    expect(m.verification.items).toEqual({ source: items, target: items });
  });

  test("a truncated, reordered or edited backup is refused before anything is written", async () => {
    const text = readFileSync(join(first, "a.bsb"), "utf8");
    const lines = text.split("\n");
    const variants: Record<string, string> = {
      truncated: text.slice(0, Math.floor(text.length * 0.6)),
      "without its trailer": `${lines.slice(0, -2).join("\n")}\n`,
      reordered: [lines[0], lines[2], lines[1], ...lines.slice(3)].join("\n"),
      edited: text.replace('"user":"#|#"', '"user":"#|X"'),
      "with a line after the trailer": `${text}${lines[1]}\n`,
    };
    expect(variants.edited).not.toBe(text);
    for (const [name, content] of Object.entries(variants)) {
      const project = await tempProject("blue-backup-bad-");
      writeFileSync(join(project, "bad.bsb"), content);
      const r = await runCli(["restore", "bad.bsb"], { cwd: project });
      expect({ name, code: r.code }).toEqual({ name, code: 4 });
      expect(r.stderr).toMatch(/is not a valid backup.*nothing was written/);
      expect({ name, files: readdirSync(project) }).toEqual({ name, files: ["bad.bsb"] });
    }
  });
});
