import { spawn } from "node:child_process";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { createMemoryStorage, type StorageBackend } from "@blue/store-core";
import { openDynamoStorage } from "../src";
import { endpoint, freshBackend, steppingClock } from "./support/local";
import { RawTable } from "./support/table";

// A writer process is SIGKILLed before each of the transactions of one document write (its
// commit, the index change of a large document, the completion); then a search through a new
// handle must rank exactly as the memory backend does over the documents as committed, and
// the index must hold exactly those documents' postings, counted right, nothing pending.

const WORDS = Array.from({ length: 400 }, (_, i) => `word${i}`);
/** A document of `distinct` distinct words from `from` (so over 48: its index change takes several transactions). */
const text = (from: number, distinct: number, extra: string) =>
  [...Array.from({ length: distinct }, (_, i) => WORDS[(from + i * 7) % WORDS.length]!), "shared", "shared", extra].join(" ");

function runWriter(
  prefix: string,
  killAt: number,
  op: string,
  input: unknown,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(__dirname, "fixtures", "search-crash-writer.cjs"), endpoint(), prefix, String(killAt), op, JSON.stringify(input)],
      {
        cwd: join(__dirname, ".."),
      },
    );
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

async function mirror(b: StorageBackend): Promise<StorageBackend> {
  const memory = createMemoryStorage({ clock: steppingClock() });
  for await (const d of b.documents.iterateDocuments({ pageSize: 1000 })) await memory.documents.importDocument(d);
  return memory;
}

describe("a writer killed during a document write leaves nothing a search can see", () => {
  let fixture: Awaited<ReturnType<typeof freshBackend>>;
  let raw: RawTable;
  beforeAll(async () => {
    if (!existsSync(join(__dirname, "..", "dist", "index.cjs"))) throw new Error("run `npx tsup` in packages/dynamodb before this test");
    fixture = await freshBackend({ clock: steppingClock() });
    raw = new RawTable(fixture.client, fixture.prefix);
    for (let i = 0; i < 12; i++)
      await fixture.backend.documents.addDocument({ title: `seed ${i}`, body: text(i * 13, 60 + i, `seed${i}`) });
  }, 120_000);
  afterAll(() => fixture.dispose());

  const scenarios: [string, number][] = [];
  for (const op of ["add", "update", "delete"]) for (let killAt = 1; killAt <= 5; killAt++) scenarios.push([op, killAt]);

  test.each(scenarios)(
    "%s, killed before transaction %i",
    async (op, killAt) => {
      const docs = fixture.backend.documents;
      const id = await docs.addDocument({ title: `target ${op} ${killAt}`, body: text(killAt * 31, 110, `old${op}${killAt}`) });
      const input =
        op === "add"
          ? { title: `new ${killAt}`, body: text(killAt * 17, 120, `new${op}${killAt}`) }
          : { id, body: text(killAt * 17 + 3, 130, `new${op}${killAt}`) };
      const r = await runWriter(fixture.prefix, killAt, op, input);
      expect(r.stderr).toBe("");
      // Every write here takes at least five transactions, so every writer is killed.
      expect(r.signal).toBe("SIGKILL");

      const after = await openDynamoStorage({ client: fixture.client, tablePrefix: fixture.prefix, indexRepairAfterMs: 0 });
      try {
        const queries = [
          `old${op}${killAt}`,
          `new${op}${killAt}`,
          "shared",
          `shared word${(killAt * 17) % 400}`,
          `word${(killAt * 31) % 400} word${(killAt * 31 + 7) % 400}`,
          "word3 word10 word17",
        ];
        const got = await Promise.all(queries.map((q) => after.documents.search(q, 50)));
        const memory = await mirror(after);
        for (let i = 0; i < queries.length; i++) {
          expect({ q: queries[i], ids: got[i]!.map((d) => d.id) }).toEqual({
            q: queries[i],
            ids: (await memory.documents.search(queries[i]!, 50)).map((d) => d.id),
          });
        }
        // The commit is the first transaction: killed before it, nothing of the write may show.
        if (killAt === 1) expect(await after.documents.search(`new${op}${killAt}`)).toEqual([]);
        // The search completed the interrupted change: nothing pending, counters equal postings.
        expect((await raw.statistics()).pending).toEqual([]);
        const tokens = `old${op}${killAt} new${op}${killAt} shared word${(killAt * 17) % 400}`;
        const postings = await raw.postings(tokens);
        const frequencies = await raw.frequencies(tokens);
        for (const [token, ids] of Object.entries(postings)) expect({ token, n: frequencies[token] }).toEqual({ token, n: ids.length });
        const committed = await after.documents.getDocument(id);
        const holdsNew = committed?.body.includes(`new${op}${killAt}`) ?? false;
        if (op !== "add") expect(postings[`new${op}${killAt}`]).toEqual(holdsNew ? [id] : []);
      } finally {
        await after.close();
      }
    },
    120_000,
  );
});
