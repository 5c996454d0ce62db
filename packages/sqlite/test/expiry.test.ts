import { join } from "node:path";
import Database from "better-sqlite3";
import { createTestClock } from "@blue/store-core/conformance";
import { openSqliteStorage } from "../src";
import { migrate } from "../src/database/open";
import { MIGRATIONS } from "../src/database/schema";
import { tempDir } from "./support/files";

const { dir, cleanup } = tempDir();
afterAll(cleanup);

type Item = { pk: string; sk: string; v?: number };
const schema = { name: "s", key: (i: Item) => ({ pk: i.pk, sk: i.sk }) };

describe("expiry on SQLite: an index on expires_at and a bounded sweep on the write path", () => {
  test("expired rows are removed by later writes, a bounded number at a time, through the expiry index", async () => {
    const file = join(dir, "sweep.db");
    const clock = createTestClock();
    const b = await openSqliteStorage({ path: file, clock });
    const s = b.store(schema);
    const raw = new Database(file, { readonly: true });
    const expiring = () => raw.prepare("SELECT count(*) FROM items WHERE expires_at IS NOT NULL").pluck().get();
    await s.putMany(
      Array.from({ length: 40 }, (_, i) => ({ pk: "p", sk: `e${i}` })),
      { ttlSeconds: 1 },
    );
    await s.put({ pk: "p", sk: "kept" });
    expect(expiring()).toBe(40);
    clock.advance(1000);
    expect(await s.query("p", "")).toEqual([{ pk: "p", sk: "kept" }]); // filtered before any removal
    for (let i = 0; i < 128; i++) await s.put({ pk: "q", sk: "w", v: i });
    expect(expiring()).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM items").pluck().get()).toBe(2);
    const plan = raw
      .prepare("EXPLAIN QUERY PLAN SELECT store, pk, sk FROM items WHERE expires_at <= ? ORDER BY expires_at LIMIT ?")
      .all(0, 32) as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join(" ")).toContain("items_by_expiry");
    raw.close();
    await b.close();
  });

  test("a put without expiry clears the stored expiry; the column holds ms since the epoch", async () => {
    const file = join(dir, "clear.db");
    const clock = createTestClock();
    const b = await openSqliteStorage({ path: file, clock });
    const s = b.store(schema);
    await s.put({ pk: "p", sk: "a" }, { ttlSeconds: 60 });
    const raw = new Database(file, { readonly: true });
    const expiry = () => raw.prepare("SELECT expires_at FROM items WHERE pk = 'p' AND sk = 'a'").pluck().get();
    expect(expiry()).toBe(Date.parse(clock.iso()) + 60_000);
    await s.put({ pk: "p", sk: "a" });
    expect(expiry()).toBeNull();
    raw.close();
    await b.close();
  });

  test("a version 1 file is migrated: items keep their data and never expire", async () => {
    const file = join(dir, "v1.db");
    const db = new Database(file);
    migrate(db, file, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO items (store, pk, sk, item) VALUES ('s', 'p', 'old', ?)").run(JSON.stringify({ pk: "p", sk: "old" }));
    db.close();
    const b = await openSqliteStorage({ path: file });
    expect(await b.store(schema).get("p", "old")).toEqual({ pk: "p", sk: "old" });
    await b.close();
  });
});
