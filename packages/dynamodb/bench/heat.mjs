// Write heat of @blue/store-dynamodb (issue 10): the workloads below run through the public API
// against DynamoDB Local with a stream on the table (NEW_AND_OLD_IMAGES); every item change is
// counted per partition key of the table and of each GSI (an index entry whose key changes is
// two writes: removed under the old key, added under the new), and the hottest key's writes
// per operation are printed per workload. HEAT_DIST names another build to measure (default
// ../dist/index.cjs), HEAT_SCALE scales the workloads, HEAT_FULL=1 adds 600 documents.
import { createRequire } from "node:module";
import { resolve } from "node:path";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-dynamodb-streams";
import { startDynamoLocal } from "@blue/dynamodb-local";
import { decodeKey } from "@blue/store-core/engine";
import { indexWrites, indexesOf } from "./billing.mjs";

const require = createRequire(import.meta.url);
const dist = resolve(process.env.HEAT_DIST ?? new URL("../dist/index.cjs", import.meta.url).pathname);
const { openDynamoStorage, tableName } = require(dist);
const SCALE = Number(process.env.HEAT_SCALE ?? 1);

const server = await startDynamoLocal();
const config = { endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };
const client = new DynamoDBClient(config);
const streams = new DynamoDBStreamsClient(config);
const started = Date.now();
let tick = Date.parse("2026-03-01T00:00:00.000Z");
const clock = () => new Date((tick += 1000));

/** Reads a table's stream from where the last read stopped; returns the new records. */
function streamReader(arn) {
  const iterators = new Map();
  return async function drain() {
    const records = [];
    for (let quiet = 0; quiet < 2; ) {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
      let got = 0;
      for (const shard of StreamDescription.Shards ?? []) {
        let it = iterators.get(shard.ShardId);
        if (it === null) continue;
        if (it === undefined)
          it = (
            await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }))
          ).ShardIterator;
        for (;;) {
          const out = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
          records.push(...(out.Records ?? []));
          got += out.Records?.length ?? 0;
          it = out.NextShardIterator ?? null;
          if (!it || (out.Records ?? []).length === 0) break;
        }
        iterators.set(shard.ShardId, it);
      }
      quiet = got === 0 ? quiet + 1 : 0;
      if (got === 0) await new Promise((r) => setTimeout(r, 200));
    }
    return records;
  };
}

const readable = (pk) => {
  try {
    const parts = decodeKey(pk);
    return parts.length > 1 ? `(${parts.map((p) => JSON.stringify(p)).join(", ")})` : pk;
  } catch {
    return pk;
  }
};
const isPosting = (pk) => ["TK", "TF"].includes(decodeKey(pk)[0]);

/** Runs `seed` (not counted) and `work` (counted; returns its operation count) on a fresh table. */
async function measure(name, seed, work) {
  const prefix = `heat_${Date.now().toString(36)}_`;
  const table = tableName(prefix);
  const b = await openDynamoStorage({ client, tablePrefix: prefix, createTables: true, clock });
  await client.send(
    new UpdateTableCommand({ TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } }),
  );
  const arn = (await client.send(new DescribeTableCommand({ TableName: table }))).Table.LatestStreamArn;
  const drain = streamReader(arn);
  const indexes = await indexesOf(client, table);
  const t0 = Date.now();
  const progress = (what) => process.stderr.write(`${name}: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  await seed(b);
  await drain();
  progress("seeded");
  const ops = await work(b);
  progress(`${ops} operations done`);
  const records = await drain();
  progress(`${records.length} stream records read`);
  const writes = new Map();
  const add = (key) => writes.set(key, (writes.get(key) ?? 0) + 1);
  for (const r of records) {
    add(`table ${r.dynamodb.Keys.pk.S}`);
    for (const w of indexWrites(r.dynamodb.OldImage, r.dynamodb.NewImage, indexes)) add(`${w.index} ${w.pk}`);
  }
  await b.close();
  await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  const hottest = (filter) => [...writes].filter(([k]) => filter(k)).sort((x, y) => y[1] - x[1])[0] ?? ["-", 0];
  const row = (label, [key, n]) => {
    const [where, pk] = [key.slice(0, key.indexOf(" ")), key.slice(key.indexOf(" ") + 1)];
    const perOp = n / ops;
    return {
      workload: label,
      key: `${where === "table" ? "table" : `index ${where}`}, ${readable(pk)}`,
      writes: n,
      ops,
      perOp,
      ceiling: perOp > 0 ? Math.floor(1000 / perOp) : Infinity,
    };
  };
  const rows = [
    row(
      name,
      hottest(() => true),
    ),
  ];
  if (name.startsWith("addDocument"))
    rows.push(
      row(
        `${name}, without the search index`,
        hottest((k) => !isPosting(k.slice(k.indexOf(" ") + 1))),
      ),
    );
  return rows;
}

// 60 words: 10 common ones (in every document, as "the" and "of" are) and 50 of a 2,000-word vocabulary.
const COMMON = ["the", "of", "and", "to", "in", "is", "that", "for", "it", "as"];
const words = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}`);
const sixty = (seed) => [...COMMON, ...Array.from({ length: 50 }, (_, i) => words[(seed * 7919 + i * 104729) % words.length])].join(" ");

async function dialogueWrites(b, n) {
  let ops = 0;
  for (let i = 0; i < n; i++) {
    const dialogueId = `d${String(i).padStart(4, "0")}`;
    await b.dialogues.createDialogue({ id: dialogueId, title: `Dialogue ${i}` });
    for (let p = 0; p < 3; p++)
      await b.dialogues.registerPerspective({ dialogueId, id: `p${p}`, round: 1, expert: "e", label: "l", content: "c" });
    await b.dialogues.registerTension({ dialogueId, id: "t", round: 1, expert: "e", label: "l", content: "c" });
    await b.dialogues.updateTensionStatus({ dialogueId, tensionId: "t" }, "addressed", {});
    ops += 6;
  }
  return ops;
}

const none = async () => {};
const rows = [];
for (const n of [50, 200].map((x) => Math.round(x * SCALE)))
  rows.push(...(await measure(`dialogue writes (${n} dialogues × 6)`, none, (b) => dialogueWrites(b, n))));
// 600 documents (HEAT_FULL=1) take several minutes on DynamoDB Local with a stream; 100 show the same figures.
for (const n of (process.env.HEAT_FULL === "1" ? [100, 600] : [100]).map((x) => Math.round(x * SCALE))) {
  rows.push(
    ...(await measure(`addDocument (${n} × 60 words)`, none, async (b) => {
      for (let i = 0; i < n; i++) await b.documents.addDocument({ title: `doc ${i}`, body: sixty(i) });
      return n;
    })),
  );
}
const linkDialogues = Math.round(200 * SCALE);
rows.push(
  ...(await measure(
    `addLink (3 from each of ${linkDialogues} dialogues)`,
    async (b) => {
      for (let i = 0; i < linkDialogues; i++) await b.dialogues.createDialogue({ id: `d${i}`, title: "D" });
    },
    async (b) => {
      for (let i = 0; i < linkDialogues; i++)
        for (let j = 0; j < 3; j++) await b.links.addLink({ from: `dialogue:d${i}`, to: `document:${i * 3 + j + 1}`, kind: "cites" });
      return linkDialogues * 3;
    },
  )),
);
rows.push(
  ...(await measure("store.put (1,000 over 500 pks)", none, async (b) => {
    const s = b.store({ name: "things", key: (i) => ({ pk: i.k, sk: i.s }) });
    for (let i = 0; i < 1000; i++) await s.put({ k: `pk${i % 500}`, s: `s${i}`, n: i });
    return 1000;
  })),
);

console.log(
  `\nWrite heat — ${dist}, DynamoDB Local ${server.endpoint}, Node ${process.version}; a partition takes ~1,000 writes/s (500/s inside transactions)\n`,
);
console.log("| workload | hottest partition key | writes on it | operations | writes per operation | ceiling (operations/s) |");
console.log("| --- | --- | ---: | ---: | ---: | ---: |");
for (const r of rows)
  console.log(
    `| ${r.workload} | ${r.key} | ${r.writes} | ${r.ops} | ${r.perOp.toFixed(3)} | ~${r.ceiling === Infinity ? "∞" : r.ceiling.toLocaleString("en-US")} |`,
  );
console.log(`\nWhole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);

client.destroy();
streams.destroy();
await server.stop();
