import { createMemoryStorage, type Document, type StorageBackend } from "@blue/store-core";
import { corpus } from "./support/corpus";
import { freshBackend, steppingClock } from "./support/local";

const SEED = Number(process.env.BLUE_SEARCH_SEED ?? 20260202);
const DOCS = 2000;

// The same generated corpus (2,100 documents, then updates and deletes) in this backend and
// the memory backend; 240 generated queries must return the same documents in the same order.
describe(`differential search against the memory backend (seed ${SEED})`, () => {
  let dynamo: StorageBackend;
  let dispose: () => Promise<void>;
  const memory = createMemoryStorage({ clock: steppingClock() });
  const data = corpus(SEED, DOCS);
  // Besides the generated documents, shapes that strain the threshold search's bounds: long
  // documents where the commonest words reach tf classes above 16 (powers of two), and short
  // duplicates whose scores tie exactly (the lower id ranks first).
  const [w0, w1, w2] = data.vocabulary;
  for (let i = 0; i < 60; i++) {
    const n = 40 + ((i * 37) % 400);
    const words = Array.from({ length: n }, (_, j) =>
      j % 3 === 0 ? w0 : j % (5 + (i % 4)) === 0 ? w1 : data.vocabulary[(i * 13 + j) % 200]!,
    );
    data.docs.push({ title: `long ${i}`, body: words.join(" "), kind: undefined });
  }
  for (let i = 0; i < 40; i++) data.docs.push({ title: "twin", body: i % 2 === 0 ? `${w0} ${w1} ${w0}` : `${w0} ${w2}`, kind: undefined });

  beforeAll(async () => {
    const fresh = await freshBackend({ clock: steppingClock() });
    dynamo = fresh.backend;
    dispose = fresh.dispose;
    const at = (i: number) => new Date(Date.parse("2026-01-01T00:00:00.000Z") + i * 1000).toISOString();
    const docs = data.docs.map((d, i) => ({ title: d.title, body: d.body, ...(d.kind ? { kind: d.kind } : {}), createdAt: at(i) }));
    // The first 200 through importDocument (ids 1..200), then the rest through addDocument;
    // 4 at a time, so the index and statistics must not depend on the order of writes (more
    // make DynamoDB Local time out on the locks of the common words' frequency counters).
    const imported: Document[] = docs.slice(0, 200).map((d, i) => ({ id: i + 1, ...d, updatedAt: d.createdAt }));
    const added: Document[] = [];
    const run = async (from: number, to: number, write: (i: number) => Promise<void>) => {
      let next = from;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < to) await write(next++);
        }),
      );
    };
    await run(0, 200, (i) => dynamo.documents.importDocument(imported[i]!));
    await run(200, docs.length, async (i) => {
      added.push({ id: await dynamo.documents.addDocument(docs[i]!), ...docs[i]!, updatedAt: docs[i]!.createdAt });
    });
    for (const d of [...imported, ...added].sort((a, b) => a.id - b.id)) await memory.documents.importDocument(d);
    // Then the same updates, deletes and additions on both, in order; each must succeed on both
    // (updates and deletes pick a document that exists, additions get the same id on both).
    const r = data.random;
    const live = [...imported, ...added].map((d) => d.id).sort((a, b) => a - b);
    for (let i = 0; i < 60; i++) {
      const op = i % 3;
      const at_ = Math.floor(r() * live.length);
      const id = live[at_]!;
      if (op === 0) {
        const body = `${data.docs[(id * 7) % data.docs.length]!.body} extra${i % 5}`;
        const [m, d] = [await memory.documents.updateDocument(id, { body }), await dynamo.documents.updateDocument(id, { body })];
        expect(d).toEqual(m);
      } else if (op === 1) {
        expect([await memory.documents.deleteDocument(id), await dynamo.documents.deleteDocument(id)]).toEqual([true, true]);
        live.splice(at_, 1);
      } else {
        const doc = { title: `added ${i}`, body: data.docs[i]!.body, createdAt: at(data.docs.length + i) };
        const [m, d] = [await memory.documents.addDocument(doc), await dynamo.documents.addDocument(doc)];
        expect(d).toBe(m);
        live.push(d);
      }
    }
  }, 900_000);
  afterAll(() => dispose());

  it("indexes the same corpus", async () => {
    const count = async (b: StorageBackend) => {
      let n = 0;
      for await (const _ of b.documents.iterateDocuments({ pageSize: 1000 })) n++;
      return n;
    };
    const n = await count(dynamo);
    expect(n).toBeGreaterThan(data.docs.length - 60);
    expect(n).toBe(await count(memory));
  });

  // Besides the generated queries: the commonest words with rare ones (the rare list decides,
  // point checks of the common ones), common words alone (read best impact first until the
  // top is settled), and a word no document holds before common ones (nothing read).
  const common = data.vocabulary.slice(0, 4);
  const rare = data.vocabulary.slice(-40);
  const mixed = Array.from({ length: 40 }, (_, i) => {
    const parts =
      i % 4 === 0
        ? [common[i % 4]!]
        : i % 4 === 1
          ? [common[0]!, common[1]!]
          : i % 4 === 2
            ? [common[i % 3]!, rare[i]!]
            : [common[0]!, common[2]!, rare[i]!];
    return { q: parts.join(" "), limit: [1, 10, 50, 1000][i % 4]! };
  });
  mixed.push({ q: `zzzunknown ${common[0]} ${common[1]}`, limit: 10 });

  it(`returns the same documents in the same order for ${data.queries.length + 41} queries`, async () => {
    let nonEmpty = 0;
    const runs = [...data.queries.map((q, i) => ({ q, limit: data.limits[i]! })), ...mixed];
    const results = new Array<[Document[], Document[]]>(runs.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < runs.length) {
          const i = next++;
          results[i] = [
            await dynamo.documents.search(runs[i]!.q, runs[i]!.limit),
            await memory.documents.search(runs[i]!.q, runs[i]!.limit),
          ];
        }
      }),
    );
    for (let i = 0; i < runs.length; i++) {
      const [got, want] = results[i]!;
      if (want.length > 0) nonEmpty++;
      expect({ ...runs[i], ids: got.map((d) => d.id) }).toEqual({ ...runs[i], ids: want.map((d) => d.id) });
      expect(got).toEqual(want);
    }
    expect(nonEmpty).toBeGreaterThan(runs.length / 2);
  }, 600_000);
});
