// The search cost curve of @blue/store-dynamodb on DynamoDB Local: requests and billed read
// capacity (bench/billing.mjs: AWS's rules, strongly consistent reads) per query, limit 10,
// at growing corpus sizes loaded through the public API. Beside it, the physical floor: the
// read units of the k documents returned plus the postings that decide them.
// Usage: pnpm bench:search (builds dist/ first). BENCH_SEARCH_SIZES=1000,5000,20000 by default.
import { createRequire } from "node:module";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
import { DynamoDBClient, DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoLocal } from "@blue/dynamodb-local";
import { billingMeter, indexesOf } from "./billing.mjs";

const require = createRequire(import.meta.url);
const { openDynamoStorage, tableName } = require("../dist/index.cjs");
const SIZES = (process.env.BENCH_SEARCH_SIZES ?? "1000,5000,20000").split(",").map(Number);

// An English-like corpus: a Zipf vocabulary whose most frequent words are "the", "of", "and",
// …; documents of 20–70 words. "rareword" is in exactly 40 documents at every size and
// "zqxjunique" in exactly one, so their document frequencies do not grow with the corpus.
const COMMON = [
  "the",
  "of",
  "and",
  "to",
  "in",
  "a",
  "is",
  "that",
  "for",
  "it",
  "as",
  "was",
  "with",
  "be",
  "by",
  "on",
  "not",
  "he",
  "this",
  "are",
];
let seed = 20261201;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const vocab = [...COMMON, ...Array.from({ length: 6000 }, (_, i) => `w${i.toString(36)}x`)];
const weights = vocab.map((_, i) => 1 / (i + 1));
const cumulative = [];
weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
const total = cumulative[cumulative.length - 1];
const pick = () => {
  const r = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return vocab[lo];
};
const documentAt = (i) => {
  const words = Array.from({ length: 20 + Math.floor(random() * 51) }, pick);
  if (i % 25 === 7 && i < 1000) words.push("rareword");
  if (i === 500) words.push("zqxjunique");
  return { title: `document ${i}`, body: words.join(" ") };
};

// The issue's measurements of the first layout (whole posting lists read), RCU at 1k / 5k / 20k.
const BEFORE = { the: "20 / 54 / 181", "the of": "29 / 95 / 343", "the zqxjunique": "12 / 46 / 173", rareword: "3–10 at every size" };
const QUERIES = ["the", "the of", "the zqxjunique", "the of rareword", "of the and", "rareword", "zqxjunique the of and", "zzznothing the"];

const server = await startDynamoLocal();
const config = { endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };
const client = new DynamoDBClient(config);
const reader = new DynamoDBClient(config);
let requests = 0;
client.middlewareStack.add(
  (next) => async (args) => {
    requests++;
    return next(args);
  },
  { step: "initialize", name: "requestCount" },
);
const prefix = `benchsearch_${Date.now()}_`;
const b = await openDynamoStorage({ client, tablePrefix: prefix, createTables: true });
const billing = billingMeter(client, reader, tableName(prefix), await indexesOf(client, tableName(prefix)));

const loadTo = async (from, to) => {
  let next = from;
  // 4 writers: DynamoDB Local times out on its item locks when many transactions share the
  // common words' counters (real DynamoDB would answer TransactionConflict, which the backend retries).
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < to) {
        const i = next++;
        await b.documents.addDocument(documentAt(i));
      }
    }),
  );
};

const rows = [];
let loaded = 0;
const started = Date.now();
for (const size of SIZES) {
  const t0 = Date.now();
  await loadTo(loaded, size);
  loaded = size;
  process.stderr.write(`loaded ${size} documents in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  for (const q of QUERIES) {
    billing.reset();
    billing.enabled = true;
    const r0 = requests;
    const hits = await b.documents.search(q, 10);
    billing.enabled = false;
    const used = { requests: requests - r0, rcu: billing.units() };
    // The floor: the documents returned (one strongly consistent item read each) and one page of postings per token.
    billing.reset();
    billing.enabled = true;
    if (hits.length > 0) await b.documents.getDocument(hits[0].id);
    billing.enabled = false;
    const perDocument = billing.units();
    const floor = hits.length * perDocument + new Set(q.split(" ")).size;
    rows.push({ size, q, hits: hits.length, ...used, floor });
    process.stderr.write(`  ${size} ${JSON.stringify(q)}: ${used.requests} requests, ${used.rcu} RCU, floor ${floor}\n`);
  }
}

console.log(`\nsearch cost, limit 10 — DynamoDB Local ${server.endpoint}, Node ${process.version}\n`);
console.log(
  "| query | before: RCU at 1k / 5k / 20k | " +
    SIZES.map((s) => `requests / RCU at ${s / 1000}k`).join(" | ") +
    ` | RCU ratio ${SIZES.at(-1) / 1000}k / ${SIZES[0] / 1000}k | floor (RCU) at ${SIZES.at(-1) / 1000}k |`,
);
console.log("| --- | --- | " + SIZES.map(() => "---:").join(" | ") + " | ---: | ---: |");
for (const q of QUERIES) {
  const mine = rows.filter((r) => r.q === q);
  const last = mine.at(-1);
  console.log(
    `| \`${q}\` | ${BEFORE[q] ?? "—"} | ${mine.map((r) => `${r.requests} / ${r.rcu}`).join(" | ")} | ${(last.rcu / mine[0].rcu).toFixed(2)} | ${last.floor} |`,
  );
}
console.log(`\nTotal run ${((Date.now() - started) / 1000).toFixed(0)} s.`);
await client.send(new DeleteTableCommand({ TableName: tableName(prefix) })).catch(() => undefined);
client.destroy();
reader.destroy();
await server.stop();
