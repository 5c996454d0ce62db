import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { openSqliteStorage } from "@blue/store-sqlite";
import { ConfigError, UnavailableError } from "@blue/store-core";
import { CliContext, type CliIo } from "../src/runtime/context";
import { confirmDelete } from "../src/runtime/confirm";
import { describeError } from "../src/runtime/describe-error";
import { PhaseMeter, formatEta, lineProgress } from "../src/migrate/progress";
import { escapeJsonControls, neutralizeControls } from "../src/runtime/sanitize";
import { runCli, tempProject, removeTempFolders } from "./helpers";
import { seedClock } from "./seed";

afterAll(removeTempFolders);

const EVIL = "T\u001b]0;pwned\u0007\u001b]52;c;Y2xpcGJvYXJk\u0007\u009b2J\u001b[31m\r\u007f\u0085end";
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const RAW_C1_OR_DEL = /[\u007f-\u009f]/;

async function evilProject(): Promise<string> {
  const folder = await tempProject("blue-evil-");
  await mkdir(join(folder, ".blue"));
  const s = await openSqliteStorage({ path: join(folder, ".blue", "blue.db") });
  await s.dialogues.createDialogue({ id: "d1", title: EVIL, question: EVIL });
  await s.dialogues.registerPerspective({ dialogueId: "d1", id: "P1", round: 1, expert: EVIL, label: EVIL, content: EVIL });
  const doc = await s.documents.addDocument({ title: `${EVIL} storage`, body: `storage ${EVIL}`, kind: EVIL });
  await s.links.addLink({ from: "dialogue:d1", to: `document:${doc}`, kind: "cites", metadata: { note: EVIL } });
  await s.store<{ v: string }>({ name: "sessions", key: () => ({ pk: EVIL, sk: "s" }) }).put({ v: EVIL });
  await s.close();
  return folder;
}

describe("issue 15 item 4: terminal escape injection", () => {
  test("human output neutralises C0, DEL and C1 (U+009B included); --json escapes U+007F–U+009F and keeps the value", async () => {
    const folder = await evilProject();
    const human = [
      ["dialogues", "list"],
      ["dialogues", "show", "d1"],
      ["docs", "get", "1"],
      ["docs", "list"],
      ["docs", "search", "storage"],
      ["links", "from", "dialogue:d1"],
      ["links", "list"],
      ["store", "query", "sessions", EVIL],
    ];
    for (const args of human) {
      const r = await runCli(args, { cwd: folder });
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect({ args, raw: RAW_CONTROL.test(r.stdout + r.stderr) }).toEqual({ args, raw: false });
      if (["dialogues", "docs"].includes(args[0]!)) expect(r.stdout).toContain("\\x1b]0;pwned\\x07");
      if (args.join(" ") === "dialogues show d1") expect(r.stdout).toContain("\\u009b2J");
    }
    for (const args of [
      ["dialogues", "show", "d1", "--json"],
      ["docs", "get", "1", "--json"],
      ["links", "list", "--json"],
      ["store", "get", "sessions", EVIL, "s", "--json"],
      ["dialogues", "export", "d1"],
    ]) {
      const r = await runCli(args, { cwd: folder });
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect({ args, raw: RAW_CONTROL.test(r.stdout.replace(/\n/g, "")) }).toEqual({ args, raw: false });
      expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(EVIL).slice(1, -1));
    }
    const backup = await runCli(["backup"], { cwd: folder });
    expect(RAW_C1_OR_DEL.test(backup.stdout)).toBe(false);
    expect(RAW_CONTROL.test(backup.stdout.replace(/\n/g, ""))).toBe(false);
  });

  test("the escaping functions", () => {
    expect(neutralizeControls("a\u001bb\u009bc\u007fd\ne\tf\rg")).toBe("a\\x1bb\\u009bc\\x7fd\ne\tf\\x0dg");
    expect(escapeJsonControls(JSON.stringify("\u007f\u0085\u009f é"))).toBe('"\\u007f\\u0085\\u009f é"');
    expect(JSON.parse(escapeJsonControls(JSON.stringify({ t: EVIL })))).toEqual({ t: EVIL });
  });
});

describe("issue 15 also: dialogues export --all streams, dialogues import summarises", () => {
  test("export --all writes the same JSON array as before, one export at a time; import of many prints a short summary", async () => {
    const folder = await tempProject("blue-export-stream-");
    await mkdir(join(folder, ".blue"));
    const s = await openSqliteStorage({ path: join(folder, ".blue", "blue.db"), clock: seedClock() });
    for (let i = 0; i < 40; i++) await s.dialogues.createDialogue({ id: `d${String(i).padStart(3, "0")}`, title: `t${i}` });
    const expected = [];
    for (const sum of await s.dialogues.listDialogues()) expected.push(await s.dialogues.exportDialogue(sum.id));
    await s.close();
    const all = await runCli(["dialogues", "export", "--all"], { cwd: folder });
    expect(all.code).toBe(0);
    const withoutTime = (t: string) => t.replace(/"exportedAt": "[^"]+"/g, '"exportedAt": ""');
    expect(withoutTime(all.stdout)).toBe(withoutTime(`${JSON.stringify(expected, null, 2)}\n`));
    const toFile = await runCli(["dialogues", "export", "--all", "-o", "all.json"], { cwd: folder });
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toContain("exported 40 dialogues to all.json");

    const other = await tempProject("blue-import-summary-");
    await mkdir(join(other, ".blue"));
    const imported = await runCli(["dialogues", "import", join(folder, "all.json")], { cwd: other });
    expect(imported.code).toBe(0);
    expect(imported.stdout.trim()).toMatch(/^imported 40 dialogues: d039, d038, d037, d036, d035 … and 35 more \(--json lists all\)$/);
    const none = await runCli(["dialogues", "export", "--all"], {
      cwd: await (async () => {
        const f = await tempProject("blue-empty-export-");
        await mkdir(join(f, ".blue"));
        (await openSqliteStorage({ path: join(f, ".blue", "blue.db") })).close();
        return f;
      })(),
    });
    expect(none.stdout).toBe("[]\n");
  });
});

/** An in-process terminal: answers prompts from `answers`, records what was asked. */
function terminal(answers: string[], tty = true): CliIo & { asked: string[]; output: string } {
  const io = {
    asked: [] as string[],
    output: "",
    out: (t: string) => void (io.output += t),
    err: (t: string) => void (io.output += t),
    stderrIsTTY: tty,
    stdinIsTTY: tty,
    readStdin: async () => "",
    prompt: async (q: string) => (io.asked.push(q), answers.shift() ?? ""),
  };
  return io;
}

describe("deletes ask for confirmation on a terminal", () => {
  const ask = (io: CliIo, yes?: boolean) =>
    confirmDelete(new CliContext(io, {}, { cwd: "/", verbose: false }), 'dialogue a ("title a")', yes);

  test("no → the command stops (exit 1) before deleting; y goes ahead; --yes and no terminal never prompt", async () => {
    const no = terminal(["n"]);
    await expect(ask(no)).rejects.toMatchObject({ exitCode: 1, message: 'not deleted: dialogue a ("title a")' });
    expect(no.asked).toEqual(['delete dialogue a ("title a")? [y/N] ']);
    const yes = terminal(["y"]);
    await expect(ask(yes)).resolves.toBeUndefined();
    const flag = terminal([]);
    await expect(ask(flag, true)).resolves.toBeUndefined();
    const script = terminal([], false);
    await expect(ask(script)).resolves.toBeUndefined();
    const evil = terminal(["n"]);
    await expect(
      confirmDelete(new CliContext(evil, {}, { cwd: "/", verbose: false }), `dialogue "${EVIL}"`, undefined),
    ).rejects.toMatchObject({ exitCode: 1 });
    expect(RAW_CONTROL.test(evil.asked.join(""))).toBe(false);
    expect([flag.asked, script.asked]).toEqual([[], []]);
  });

  test("without a terminal (a spawned CLI), delete goes ahead without asking", async () => {
    const folder = await tempProject("blue-confirm-");
    await mkdir(join(folder, ".blue"));
    const s = await openSqliteStorage({ path: join(folder, ".blue", "blue.db") });
    await s.dialogues.createDialogue({ id: "a", title: "title a" });
    await s.close();
    const r = await runCli(["dialogues", "delete", "a"], { cwd: folder });
    expect([r.code, r.stdout.trim()]).toEqual([0, "deleted dialogue a"]);
  });
});

describe("hints point the right way", () => {
  test("credentials → the AWS SDK chain; missing storage → init; the target's own file; no 'run doctor' inside doctor", () => {
    expect(describeError(new ConfigError("DynamoDB refused the credentials", { details: { credentials: true } })).hint).toMatch(
      /AWS SDK's credential chain.*never from the config file/,
    );
    expect(describeError(new ConfigError("there is no Blue Store database at x", { details: { missing: true } })).hint).toMatch(
      /blue-store init/,
    );
    expect(describeError(new ConfigError("bad", { details: { file: "/p/target.toml" } })).hint).toBe(
      "fix /p/target.toml (`blue-store doctor` checks it)",
    );
    expect(describeError(new UnavailableError("down"), { inDoctor: true }).hint).not.toMatch(/doctor/);
    expect(describeError(new ConfigError("bad", { details: { file: "/p/c.toml" } }), { inDoctor: true }).hint).not.toMatch(/doctor/);
    expect(describeError(new UnavailableError("down")).hint).toMatch(/blue-store doctor/);
  });

  test("migrate --to a broken file names that file", async () => {
    const folder = await tempProject("blue-bad-target-");
    await mkdir(join(folder, ".blue"));
    (await openSqliteStorage({ path: join(folder, ".blue", "blue.db") })).close();
    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(folder, "bad.toml"), '[storage]\nbackend = "dynamo"\n');
    const r = await runCli(["migrate", "--to", "bad.toml"], { cwd: folder });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hint: fix .*bad\.toml/);
    expect(r.stderr).not.toMatch(/\.blue\/config\.toml/);
  });
});

describe("progress: the ETA follows the rate of the work done; skipped items are counted apart", () => {
  test("357/1500 after 300 skipped and 57 copied in 3.8 s: 15/s and about 76 s left", () => {
    let now = 0;
    const m = new PhaseMeter(1500, () => now);
    m.advance(300, true);
    now = 200;
    m.advance(1, false);
    now = 4_000;
    m.advance(56, false);
    expect(m.done).toBe(357);
    expect(m.skipped).toBe(300);
    expect(Math.round(m.rate())).toBe(15);
    expect(formatEta(m.etaSeconds())).toBe("1m16s");
  });

  test("plain lines show what was already there apart from the rate", () => {
    let now = 0;
    const lines: string[] = [];
    const p = lineProgress(
      (l) => lines.push(l),
      100,
      () => now,
    );
    p.start("documents", 400);
    for (let i = 0; i < 200; i++) p.advance(1, true);
    for (let i = 0; i < 100; i++) {
      now += 10;
      p.advance(1);
    }
    p.stop();
    expect(lines.at(-1)).toMatch(/^documents 300\/400 \(75%\) \(200 already there\) 10\d\/s ETA 1s$/);
  });
});
