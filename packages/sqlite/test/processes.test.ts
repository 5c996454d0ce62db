import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteStorage, type SqliteStorageBackend } from "../src";
import { finished, startFixture } from "./support/child";
import { builtEntry, tempDir } from "./support/files";
import { prng } from "./support/random";

const { dir, cleanup } = tempDir();
beforeAll(() => builtEntry());
afterAll(cleanup);

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

async function allDocuments(b: SqliteStorageBackend) {
  const docs = [];
  for await (const d of b.documents.iterateDocuments({ pageSize: 1000 })) docs.push(d);
  return docs;
}

describe("four processes write to one new file at once", () => {
  test("no error reaches them, no write is lost, every document id is unique", async () => {
    const file = join(dir, "multi.db");
    const count = 120;
    const writers = [1, 2, 3, 4].map((w) => finished(startFixture("multi-writer.cjs", [file, String(w), String(count)])));
    const results = await Promise.all(writers);
    for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const written = results.map((r) => JSON.parse(r.stdout) as { writer: string; ids: number[] });
    const ids = written.flatMap((w) => w.ids);
    expect(new Set(ids).size).toBe(4 * count);
    for (const w of written) expect([...w.ids].sort((a, b) => a - b)).toEqual(w.ids); // increasing per writer

    expect(integrity(file)).toBe("ok");
    const b = await openSqliteStorage({ path: file });
    const docs = await allDocuments(b);
    expect(docs).toHaveLength(4 * count);
    const byId = new Map(docs.map((d) => [d.id, d]));
    for (const w of written)
      w.ids.forEach((id, i) => {
        expect(byId.get(id)?.title).toBe(`${w.writer}-${i}`);
      });
    for (const w of written) {
      expect(
        await b.store({ name: "multi", key: (i: { writer: string; k: string }) => ({ pk: i.writer, sk: i.k }) }).query(w.writer, ""),
      ).toHaveLength(count);
      const summary = (await b.dialogues.listDialogues()).find((s) => s.id === w.writer);
      expect(summary?.perspectiveCount).toBe(count);
    }
    const shared = await b.dialogues.exportDialogue("shared");
    expect(shared.tensions[0]!.events.map((e) => e.seq)).toEqual(Array.from({ length: 4 * count + 1 }, (_, i) => i + 1));
    await b.close();
  }, 120_000);
});

describe("crash safety: SIGKILL at random moments", () => {
  test("after each of 24 kills the file opens, passes integrity_check and holds every acknowledged write", async () => {
    const file = join(dir, "crash.db");
    const r = prng(2026);
    const acked = {
      docs: new Map<number, string>(),
      items: [] as string[],
      perspectives: [] as string[],
      status: new Map<string, number>(),
    };
    let totalAcks = 0;
    for (let run = 0; run < 24; run++) {
      const child = startFixture("crash-writer.cjs", [file, String(run)]);
      const exited = finished(child);
      let buffer = "";
      const killAfter = 1 + r.int(120); // acknowledgements before the kill: a random moment
      await new Promise<void>((resolve) => {
        let seen = 0;
        child.stdout.on("data", (chunk: Buffer) => {
          buffer += chunk.toString("utf8");
          seen = buffer.split("\n").length - 1;
          if (seen >= killAfter) setTimeout(() => resolve(), r.int(15));
        });
        child.on("exit", () => resolve());
      });
      child.kill("SIGKILL");
      const result = await exited;
      expect({ signal: result.signal, stderr: result.stderr }).toEqual({ signal: "SIGKILL", stderr: "" });
      for (const line of (buffer + result.stdout.slice(buffer.length)).split("\n").filter(Boolean)) {
        const [kind, a, b] = line.split(" ");
        totalAcks++;
        if (kind === "doc") acked.docs.set(Number(a), b!);
        else if (kind === "item") acked.items.push(a!);
        else if (kind === "perspective") acked.perspectives.push(a!);
        else if (kind === "tension") acked.status.set(a!, 1);
        else if (kind === "status") acked.status.set(a!, acked.status.get(a!)! + 1);
      }

      expect(integrity(file)).toBe("ok");
      const b = await openSqliteStorage({ path: file });
      for (const [id, title] of acked.docs) expect((await b.documents.getDocument(id))?.title).toBe(title);
      const store = b.store({ name: "crash", key: (i: { k: string }) => ({ pk: "p", sk: i.k }) });
      const keys = new Set((await store.query("p", "")).map((i) => i.k));
      for (const k of acked.items) expect(keys.has(k)).toBe(true);
      const e = await b.dialogues.exportDialogue("crash");
      const perspectives = new Set(e.perspectives.map((p) => p.id));
      for (const p of acked.perspectives) expect(perspectives.has(p)).toBe(true);
      for (const [t, events] of acked.status) expect(e.tensions.find((x) => x.id === t)!.events.length).toBeGreaterThanOrEqual(events);
      // Multi-row writes are atomic: the counters match the rows.
      const summary = (await b.dialogues.listDialogues()).find((s) => s.id === "crash")!;
      expect(summary.perspectiveCount).toBe(e.perspectives.length);
      expect(summary.tensionCount).toBe(e.tensions.length);
      expect(summary.unresolvedTensionCount).toBe(e.tensions.filter((t) => t.status !== "resolved").length);
      await b.close();
    }
    expect(totalAcks).toBeGreaterThan(24 * 10);
  }, 180_000);
});
