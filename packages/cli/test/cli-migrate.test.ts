import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openSqliteStorage } from "@blue/store-sqlite";
import type { Document, Link, StorageBackend } from "@blue/store-core";
import { BIN, cliEnv, dynamoToml, runCli, tempProject, writeProjectConfig, removeTempFolders } from "./helpers";
import { seedClock, seedCorpus } from "./seed";

const DIALOGUES = 200;
const DOCUMENTS = 1000;

async function allDocuments(s: StorageBackend): Promise<Document[]> {
  const out: Document[] = [];
  let cursor: string | undefined;
  do {
    const page = await s.documents.listDocumentsPage({ limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return out;
}

async function allLinks(s: StorageBackend): Promise<Link[]> {
  const out: Link[] = [];
  let cursor: string | undefined;
  do {
    const page = await s.links.listLinksPage({ limit: 1000, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return out;
}

const withoutExportedAt = (text: string) => text.replace(/"exportedAt": "[^"]+"/g, '"exportedAt": ""');

describe("blue-store migrate (SQLite ⇄ DynamoDB Local)", () => {
  afterAll(removeTempFolders);
  const run = Date.now().toString(36);
  let source: string;

  beforeAll(async () => {
    source = await tempProject("blue-migrate-src-");
    await mkdir(join(source, ".blue"));
    const storage = await openSqliteStorage({ path: join(source, ".blue", "blue.db"), clock: seedClock(), synchronous: "normal" });
    await seedCorpus(storage, { dialogues: DIALOGUES, documents: DOCUMENTS });
    await storage.close();
  });

  test(`SQLite → DynamoDB → SQLite on ${DIALOGUES} dialogues and ${DOCUMENTS} documents: the final store exports identically`, async () => {
    const dynamoFile = join(source, "dynamo.toml");
    await writeFile(dynamoFile, dynamoToml(`mig${run}_`));
    const there = await runCli(["migrate", "--to", "dynamo.toml"], { cwd: source });
    expect(there.stderr).toMatch(/^documents 100\/1000 \(10%\) \d+\/s ETA \S+$/m);
    expect(there.code).toBe(0);
    expect(there.stdout).toContain(
      `documents     ${DOCUMENTS} in the source: ${DOCUMENTS} copied, 0 already there, 0 different (overwritten)`,
    );
    expect(there.stdout).toContain("OK: the target holds exactly the source's data");

    // From a project configured for DynamoDB back to a fresh SQLite project.
    const middle = await tempProject("blue-migrate-dyn-");
    await writeProjectConfig(middle, dynamoToml(`mig${run}_`, false));
    const back = await tempProject("blue-migrate-back-");
    await writeProjectConfig(back, '[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = "data/back.db"\n');
    const home = await runCli(["migrate", "--to", join(back, ".blue", "config.toml"), "--json"], { cwd: middle });
    expect(home.code).toBe(0);
    const result = JSON.parse(home.stdout) as {
      ok: boolean;
      verification: { differenceCount: number; dialogues: { source: number; target: number } };
    };
    expect(result.ok).toBe(true);
    expect(result.verification.dialogues).toEqual({ source: DIALOGUES, target: DIALOGUES });

    // The final store exports identically to the first, as the CLI prints it and through the API.
    const first = await runCli(["dialogues", "export", "--all"], { cwd: source });
    const last = await runCli(["dialogues", "export", "--all"], { cwd: back });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toHaveLength(DIALOGUES);
    expect(withoutExportedAt(last.stdout)).toBe(withoutExportedAt(first.stdout));
    const a = await openSqliteStorage({ path: join(source, ".blue", "blue.db") });
    const c = await openSqliteStorage({ path: join(back, "data", "back.db") });
    try {
      const docs = await allDocuments(a);
      expect(docs).toHaveLength(DOCUMENTS);
      expect(await allDocuments(c)).toEqual(docs);
      const links = await allLinks(a);
      expect(links.length).toBeGreaterThanOrEqual(2 * DIALOGUES);
      expect(await allLinks(c)).toEqual(links);
      expect(await c.documents.search("dynamodb sqlite", 20)).toEqual(await a.documents.search("dynamodb sqlite", 20));
      // Ids continue above the migrated ones.
      expect(await c.documents.addDocument({ title: "after", body: "migration" })).toBe(DOCUMENTS + 1);
    } finally {
      await a.close();
      await c.close();
    }
  });

  test("killed with SIGKILL part-way, a re-run completes with nothing missing and no duplicates", async () => {
    const target = join(source, "killed.toml");
    await writeFile(target, dynamoToml(`kill${run}_`));
    const child = spawn(process.execPath, [BIN, "migrate", "--to", "killed.toml"], { cwd: source, env: cliEnv() });
    const progress: string[] = [];
    const killedAt = await new Promise<string>((done, fail) => {
      let buffer = "";
      child.stderr.on("data", (d: Buffer) => {
        buffer += d.toString();
        const parts = buffer.split("\n");
        buffer = parts.pop() ?? "";
        for (const line of parts) {
          progress.push(line);
          // Documents are all copied; half the dialogues are in flight.
          if (line.startsWith("dialogues 100/")) {
            child.kill("SIGKILL");
            done(line);
          }
        }
      });
      child.on("close", (code, signal) =>
        fail(new Error(`migrate ended (${code ?? signal}) before it could be killed: ${progress.join(" | ")}`)),
      );
    });
    expect(killedAt).toMatch(/^dialogues 100\/200 /);
    await new Promise((r) => child.once("close", r));
    expect(child.signalCode).toBe("SIGKILL");

    const rerun = await runCli(["migrate", "--to", "killed.toml", "--json"], { cwd: source });
    expect(rerun.code).toBe(0);
    const result = JSON.parse(rerun.stdout) as {
      ok: boolean;
      documents: { unchanged: number };
      dialogues: { copied: number; unchanged: number };
      verification: { differenceCount: number; documents: { source: number; target: number }; links: { source: number; target: number } };
    };
    expect(result.ok).toBe(true);
    expect(result.verification.differenceCount).toBe(0);
    expect(result.documents.unchanged).toBe(DOCUMENTS); // the killed run had copied them all
    expect(result.dialogues.unchanged).toBeGreaterThanOrEqual(100 - 8); // all but those in flight survive
    expect(result.dialogues.copied).toBeGreaterThan(0);
    expect(result.verification.documents).toEqual({ source: DOCUMENTS, target: DOCUMENTS });
    expect(result.verification.links.target).toBe(result.verification.links.source);

    const third = await runCli(["migrate", "--to", "killed.toml"], { cwd: source });
    expect(third.code).toBe(0);
    expect(third.stdout).toContain(
      `dialogues      ${DIALOGUES} in the source: 0 copied, ${DIALOGUES} already there, 0 different (overwritten)`,
    );
  });

  test("Ctrl-C (SIGINT) stops with exit 130 and one line; the same command then finishes", async () => {
    const copy = join(source, "copy.toml");
    await writeFile(copy, '[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = "copy.db"\n');
    const child = spawn(process.execPath, [BIN, "migrate", "--to", "copy.toml"], { cwd: source, env: cliEnv() });
    let stderr = "";
    let sent = false;
    const closed = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (!sent && /^documents 100\//m.test(stderr)) sent = child.kill("SIGINT");
    });
    expect(await closed).toBe(130);
    expect(stderr).toMatch(/^interrupted \(SIGINT\); re-run the command to resume$/m);
    const rerun = await runCli(["migrate", "--to", "copy.toml"], { cwd: source });
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/documents +1000 in the source: \d+ copied, [1-9]\d* already there/);
    expect(rerun.stdout).toContain("OK: the target holds exactly the source's data");
  });
});
