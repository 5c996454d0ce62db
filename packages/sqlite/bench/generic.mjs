// Generic store get / put / query: the backend beside the same statements on raw better-sqlite3.
import { pair, steppingClock, compare, compareAsync } from "./harness.mjs";

const item = (i) => ({ pk: `user#${i % 100}`, sk: `item#${String(i).padStart(6, "0")}`, title: `Item ${i}`, tags: ["a", "b"], n: i });

export async function genericBench() {
  const { ours, raw } = await pair(steppingClock());
  const store = ours.store({ name: "bench", key: (i) => ({ pk: i.pk, sk: i.sk }) });
  const put = raw.prepare(
    "INSERT INTO items (store, pk, sk, item) VALUES (?, ?, ?, ?) ON CONFLICT (store, pk, sk) DO UPDATE SET item = excluded.item",
  );
  const get = raw.prepare("SELECT item FROM items WHERE store = ? AND pk = ? AND sk = ?").pluck();
  const range = raw.prepare("SELECT sk, item FROM items WHERE store = ? AND pk = ? AND sk >= ? AND sk < ? ORDER BY sk ASC LIMIT ?");
  const N = 10_000;
  const items = Array.from({ length: N }, (_, i) => item(i));

  const rows = [];
  rows.push({
    name: "generic put (upsert, 1 commit each)",
    ...(await compare(
      N,
      (i) => store.put(items[i]),
      (i) => {
        const it = items[i];
        put.run("bench", it.pk, it.sk, JSON.stringify(it));
      },
    )),
    target: 1.3,
  });
  const keys = Array.from({ length: 50_000 }, (_, i) => items[(i * 7919) % N]);
  rows.push({
    name: "generic get",
    ...(await compare(
      keys.length,
      (i) => store.get(keys[i].pk, keys[i].sk),
      (i) => JSON.parse(get.get("bench", keys[i].pk, keys[i].sk)),
    )),
    target: 1.5,
  });
  rows.push({
    name: "generic query (prefix, 20 of 100 items)",
    ...(await compare(
      10_000,
      (i) => store.query(`user#${i % 100}`, "item#00", { limit: 20 }),
      (i) => range.all("bench", `user#${i % 100}`, "item#00", "item#01", 20).map((r) => JSON.parse(r.item)),
    )),
    target: 1.5,
  });
  // Batches of 100: one read snapshot / one commit on both sides.
  const batches = Array.from({ length: 100 }, (_, b) => Array.from({ length: 100 }, (_, i) => items[(b * 100 + i * 37) % N]));
  const batchKeys = batches.map((batch) => batch.map((it) => ({ pk: it.pk, sk: it.sk })));
  const rawGetMany = raw.transaction((keys) =>
    keys.map((k) => {
      const j = get.get("bench", k.pk, k.sk);
      return j === undefined ? null : JSON.parse(j);
    }),
  );
  const rawPutMany = raw.transaction((batch) => {
    for (const it of batch) put.run("bench", it.pk, it.sk, JSON.stringify(it));
  });
  rows.push({
    name: "generic getMany (100 keys, one read transaction)",
    ...(await compare(
      100,
      (i) => store.getMany(batchKeys[i]),
      (i) => rawGetMany(batchKeys[i]),
      5,
    )),
    target: 1.5,
  });
  rows.push({
    name: "generic putMany (100 items, one commit)",
    ...(await compare(
      100,
      (i) => store.putMany(batches[i]),
      (i) => rawPutMany(batches[i]),
      5,
    )),
    target: 1.5,
  });
  // The same backend: items stored with an expiry beside items stored without one.
  const expiring = ours.store({ name: "bench-ttl", key: (i) => ({ pk: i.pk, sk: i.sk }) });
  await expiring.putMany(items, { ttlSeconds: 3600 });
  rows.push({
    name: "generic get of an item with expiry (beside get without: raw column)",
    ...(await compareAsync(
      keys.length,
      (i) => expiring.get(keys[i].pk, keys[i].sk),
      (i) => store.get(keys[i].pk, keys[i].sk),
      15,
    )),
    target: 1.1,
  });
  await ours.close();
  raw.close();
  return rows;
}
