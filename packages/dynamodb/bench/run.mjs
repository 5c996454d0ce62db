// Benchmark of @blue/store-dynamodb against DynamoDB Local: per contract method, the requests
// it sends, the capacity AWS would bill for them (bench/billing.mjs: computed from the items
// written and read, 2 WCU per KB per item in a transaction, GSI entries included; DynamoDB
// Local's own ConsumedCapacity under-reports transactions), and its time beside raw SDK calls
// doing the same work (bench/raw.mjs), measured in one run, alternating.
// Usage: pnpm bench (builds dist/ first). BENCH_ITERATIONS scales the runs.
import { createRequire } from "node:module";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
import { DynamoDBClient, DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoLocal } from "@blue/dynamodb-local";
import { documentTerms, queryTokens } from "@blue/store-core/engine";
import { billingMeter, indexesOf } from "./billing.mjs";
import { rawOps } from "./raw.mjs";

const require = createRequire(import.meta.url);
const { openDynamoStorage, tableName } = require("../dist/index.cjs");
const N = Number(process.env.BENCH_ITERATIONS ?? 100);

const server = await startDynamoLocal();
const client = new DynamoDBClient({
  endpoint: server.endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
const reader = new DynamoDBClient({
  endpoint: server.endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
let requests = 0;
const kinds = {};
client.middlewareStack.add(
  (next, ctx) => async (args) => {
    requests++;
    const k = ctx.commandName.replace(/Command$/, "");
    kinds[k] = (kinds[k] ?? 0) + 1;
    return next(args);
  },
  { step: "initialize", name: "benchMeter" },
);

const prefix = `bench_${Date.now()}_`;
const started = Date.now();
let tick = Date.parse("2026-03-01T00:00:00.000Z");
const clock = () => new Date((tick += 1000));
const at = () => clock().toISOString();
const b = await openDynamoStorage({ client, tablePrefix: prefix, createTables: true, clock });
const raw = rawOps(client, tableName(prefix));
const billing = billingMeter(client, reader, tableName(prefix), await indexesOf(client, tableName(prefix)));
const BILLED_CALLS = 3;

// Seed data shared by the pairs.
const words = Array.from({ length: 300 }, (_, i) => `w${i.toString(36)}`);
const text = (n, s) => Array.from({ length: n }, (_, i) => words[(s * 31 + i * 17) % words.length]).join(" ");
/** A dialogue with 20 perspectives of 60 words, on both sides. */
async function seedDialogue(id, title) {
  await b.dialogues.createDialogue({ id, title });
  await raw.createDialogue(id, { id, title, status: "open", createdAt: at() });
  for (let i = 0; i < 20; i++) {
    const p = { dialogueId: id, id: `p${i}`, round: 1, expert: "e", label: "l", content: text(60, i), createdAt: at() };
    await b.dialogues.registerPerspective(p);
    await raw.registerPerspective(p);
  }
}
await seedDialogue("d0", "Seed");
// A dialogue no pair writes to, so the export row always exports exactly 20 perspectives.
await seedDialogue("dx", "Export");
const tension = {
  dialogueId: "d0",
  id: "t0",
  round: 1,
  expert: "e",
  label: "l",
  content: "c",
  status: "open",
  createdAt: at(),
  updatedAt: at(),
};
await b.dialogues.registerTension(tension);
await raw.seedTension("d0", tension);
for (let i = 0; i < 300; i++) {
  const doc = { title: `doc ${i}`, body: text(40, i), createdAt: at() };
  await b.documents.addDocument(doc);
  await raw.addDocument(doc, documentTerms(doc));
}
await b.links.addLink({ from: "document:5", to: "dialogue:d0", kind: "cites" });
await raw.addLink({ from: "document:5", to: "dialogue:d0", kind: "cites", createdAt: at() });
const store = b.store({ name: "things", key: (i) => ({ pk: i.k, sk: i.s }) });
for (let i = 0; i < 20; i++) {
  await store.put({ k: "p", s: `s${i}`, n: i });
  await raw.storePut({ k: "p", s: `s${i}`, n: i });
}

// Batches of 100 over 4 partitions; items with an expiry for the expiring get.
const batch = (n) => Array.from({ length: 100 }, (_, i) => ({ k: `b${i % 4}`, s: `n${n}-${i}`, n: i }));
const batchKeys = batch(0).map((i) => ({ pk: i.k, sk: i.s }));
await store.putMany(batch(0));
await raw.storePutMany(batch(0));
await store.putMany(
  Array.from({ length: 20 }, (_, i) => ({ k: "e", s: `s${i}`, n: i })),
  { ttlSeconds: 3600 * 24 * 365 },
);

// Each side counts its own calls, so the order of the two sides never matters.
let sb = 0;
let sr = 0;
const pairs = [
  [
    "createDialogue",
    () => b.dialogues.createDialogue({ id: `c${++sb}`, title: "New" }),
    () => raw.createDialogue(`c${++sr}`, { id: `c${sr}`, title: "New", status: "open", createdAt: at() }),
  ],
  ["getDialogue", () => b.dialogues.getDialogue("d0"), () => raw.getDialogue("d0")],
  [
    "registerPerspective",
    () => b.dialogues.registerPerspective({ dialogueId: "d0", id: `q${++sb}`, round: 2, expert: "e", label: "l", content: "c" }),
    () => raw.registerPerspective({ dialogueId: "d0", id: `q${++sr}`, round: 2, expert: "e", label: "l", content: "c", createdAt: at() }),
  ],
  [
    "updateTensionStatus",
    () => b.dialogues.updateTensionStatus({ dialogueId: "d0", tensionId: "t0" }, ++sb % 2 ? "open" : "addressed", {}),
    () => raw.updateTensionStatus("d0", "t0", ++sr % 2 ? "open" : "addressed", at()),
  ],
  ["exportDialogue (20 perspectives)", () => b.dialogues.exportDialogue("dx"), () => raw.exportDialogue("dx")],
  ["listDialogues(status)", () => b.dialogues.listDialogues("open"), () => raw.listDialogues("open")],
  [
    "addDocument (40 words)",
    () => b.documents.addDocument({ title: "bench", body: text(40, ++sb) }),
    () => {
      const doc = { title: "bench", body: text(40, ++sr), createdAt: at() };
      return raw.addDocument(doc, documentTerms(doc));
    },
  ],
  ["getDocument", () => b.documents.getDocument(7), () => raw.getDocument(7)],
  ["search (2 tokens)", () => b.documents.search(`${words[3]} ${words[20]}`), () => raw.search(queryTokens(`${words[3]} ${words[20]}`))],
  [
    "addLink",
    () => b.links.addLink({ from: `document:${++sb}`, to: "dialogue:d0", kind: "cites" }),
    () => raw.addLink({ from: `document:${++sr}`, to: "dialogue:d0", kind: "cites", createdAt: at() }),
  ],
  ["linksFrom", () => b.links.linksFrom("document:5"), () => raw.linksFrom("document:5")],
  ["store.put", () => store.put({ k: "p", s: `x${++sb}`, n: sb }), () => raw.storePut({ k: "p", s: `x${++sr}`, n: sr })],
  ["store.get", () => store.get("p", "s3"), () => raw.storeGet("p", "s3")],
  ["store.query (20 items)", () => store.query("p", "s"), () => raw.storeQuery("p", "s")],
  ["store.get (an item with expiry)", () => store.get("e", "s3"), () => raw.storeGet("p", "s3")],
  ["store.getMany (100 keys)", () => store.getMany(batchKeys), () => raw.storeGetMany(batchKeys)],
  ["store.putMany (100 items)", () => store.putMany(batch(++sb)), () => raw.storePutMany(batch(++sr))],
];

const measure = async (fn) => {
  const r0 = requests,
    t0 = performance.now();
  await fn();
  return { ms: performance.now() - t0, req: requests - r0 };
};
/** Billed capacity per call, averaged over a few calls made with the meter on (its reads would skew the times). */
const billed = async (fn) => {
  billing.enabled = true;
  billing.reset();
  for (let i = 0; i < BILLED_CALLS; i++) await fn();
  billing.enabled = false;
  return billing.units() / BILLED_CALLS;
};
const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
const rows = [];
for (const [name, blue, rawFn] of pairs) {
  for (let i = 0; i < 3; i++) {
    await blue();
    await rawFn();
  }
  const s = { b: { ms: [], req: 0 }, r: { ms: [], req: 0 } };
  for (let i = 0; i < N; i++) {
    for (const [k, fn] of i % 2
      ? [
          ["b", blue],
          ["r", rawFn],
        ]
      : [
          ["r", rawFn],
          ["b", blue],
        ]) {
      const m = await measure(fn);
      s[k].ms.push(m.ms);
      s[k].req += m.req;
    }
  }
  s.b.cap = await billed(blue);
  s.r.cap = await billed(rawFn);
  const per = (x) => ({ ms: median(x.ms), req: x.req / N, cap: x.cap });
  rows.push({ name, b: per(s.b), r: per(s.r) });
}

const f = (n, d = 2) => n.toFixed(d);
console.log(
  `\n@blue/store-dynamodb vs raw SDK calls — DynamoDB Local ${server.endpoint}, ${N} calls each (median time per call), Node ${process.version}\n`,
);
console.log(
  "| method | requests (blue) | requests (raw) | billed capacity units (blue) | billed capacity units (raw) | median ms (blue) | median ms (raw) | time ratio |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const { name, b: x, r: y } of rows) {
  console.log(`| ${name} | ${f(x.req)} | ${f(y.req)} | ${f(x.cap)} | ${f(y.cap)} | ${f(x.ms)} | ${f(y.ms)} | ${f(x.ms / y.ms)}x |`);
}
console.log(`\nScan requests sent: ${kinds.Scan ?? 0}. Total run ${((Date.now() - started) / 1000).toFixed(1)} s.`);

await b.close();
await client.send(new DeleteTableCommand({ TableName: tableName(prefix) })).catch(() => undefined);
client.destroy();
reader.destroy();
await server.stop();
