import type { StorageBackend } from "@blue/store-core";
import { keyPrefix } from "@blue/store-core/engine";
import { openDynamoStorage } from "../src";
import { corpus } from "./support/corpus";
import { countWriteHeat, hottest, type HeatLog } from "./support/document-heat";
import { freshBackend, localClient, steppingClock } from "./support/local";

const DOCS = 240;
const GOAL = 1 / 8;
const isIndex = (key: string) => ["TK", "TF"].some((kind) => key.replace(/^[^:]+:/, "").startsWith(keyPrefix([kind])));

// Issue 10's measure, counted (not timed): the partition keys each write request touches, of
// the table and of every index key the items carry, over 240 addDocument calls through two
// handles with the default settings. The goal: at most 1/8 of a write per operation on the
// hottest partition key, the search index's postings and counters included (the corpus's
// commonest words are in most documents).
describe("write heat of the documents (deterministic, counted through the SDK middleware)", () => {
  let a: StorageBackend;
  let b: StorageBackend;
  let heat: HeatLog;
  let dispose: () => Promise<void>;
  const client = localClient();

  beforeAll(async () => {
    heat = countWriteHeat(client);
    const fresh = await freshBackend({ client, clock: steppingClock() });
    a = fresh.backend;
    b = await openDynamoStorage({ client, tablePrefix: fresh.prefix, clock: steppingClock() });
    dispose = async () => {
      await b.close();
      await fresh.dispose();
      client.destroy();
    };
  });
  afterAll(() => dispose());

  it(`addDocument × ${DOCS} (two handles, 4 at a time): the hottest partition key gets ≤ 1/8 write per operation`, async () => {
    const { docs } = corpus(10, DOCS);
    heat.reset();
    let next = 0;
    const ids: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        while (next < DOCS) {
          const d = docs[next++]!;
          ids.push(await (w % 2 ? b : a).documents.addDocument({ title: d.title, body: d.body }));
        }
      }),
    );
    expect(new Set(ids).size).toBe(DOCS);
    const writes = heat.writes();
    const top = hottest(writes);
    const index = hottest(writes, isIndex);
    // The measure can fail: the commonest word's index keys take a write from most documents of their shard.
    expect(index.writes / DOCS).toBeGreaterThan(GOAL / 2);
    // (The object names the key and its figure when the goal is missed.)
    expect({ key: top.key, perOperation: top.writes / DOCS, withinGoal: top.writes / DOCS <= GOAL }).toMatchObject({ withinGoal: true });
    if (process.env.BLUE_PRINT_HEAT) console.log({ hottest: top, index, perOperation: top.writes / DOCS });
  }, 120_000);

  it("updateDocument and deleteDocument of those documents stay under 1/8 too", async () => {
    const page = await a.documents.listDocumentsPage({ limit: 1000 });
    const ids = page.items.map((d) => d.id);
    heat.reset();
    for (const [i, id] of ids.entries()) await (i % 2 ? b : a).documents.updateDocument(id, { body: `changed ${i} words and more words` });
    const updated = hottest(heat.writes());
    if (process.env.BLUE_PRINT_HEAT) console.log({ updated, top: [...heat.writes()].sort((x, y) => y[1] - x[1]).slice(0, 6) });
    expect({ ...updated, withinGoal: updated.writes / ids.length <= GOAL }).toMatchObject({ withinGoal: true });
    heat.reset();
    for (const [i, id] of ids.entries()) await (i % 2 ? b : a).documents.deleteDocument(id);
    const deleted = hottest(heat.writes());
    expect({ ...deleted, withinGoal: deleted.writes / ids.length <= GOAL }).toMatchObject({ withinGoal: true });
    if (process.env.BLUE_PRINT_HEAT) console.log({ updated, deleted, documents: ids.length });
    expect((await a.documents.listDocumentsPage({})).items).toEqual([]);
  }, 120_000);
});
