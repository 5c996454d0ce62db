// The SQLite backend beside raw better-sqlite3 doing the same work, in one run.
// Usage: node bench/run.mjs   (after `npx tsup`; prints a Markdown table)
import { cpus, totalmem } from "node:os";
import { cleanup, Database, SYNCHRONOUS } from "./harness.mjs";
import { genericBench } from "./generic.mjs";
import { dialogueBench } from "./dialogues.mjs";
import { transferBench } from "./transfer.mjs";
import { searchBench } from "./search.mjs";

const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);

async function main() {
  const started = Date.now();
  const sqliteVersion = new Database(":memory:").prepare("SELECT sqlite_version()").pluck().get();
  const phase = async (name, fn) => {
    const t = Date.now();
    const out = await fn();
    console.error(`  ${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return out;
  };
  // `node bench/run.mjs generic dialogues` runs only those groups (all by default).
  const only = new Set(process.argv.slice(2));
  const want = (name) => only.size === 0 || only.has(name);
  const rows = [
    ...(want("generic") ? await phase("generic", genericBench) : []),
    ...(want("dialogues") ? await phase("dialogues", dialogueBench) : []),
    ...(want("transfer") ? await phase("export/import", transferBench) : []),
  ];
  const search = want("search") ? await phase("search", () => searchBench()) : { rows: [], ingestSeconds: 0 };
  rows.push(...search.rows);

  console.log(`# @blue/store-sqlite benchmark\n`);
  console.log(`- date: ${new Date().toISOString()}`);
  console.log(
    `- machine: ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${process.platform} ${process.arch}`,
  );
  console.log(`- Node ${process.version}, SQLite ${sqliteVersion} (better-sqlite3), WAL, synchronous=${SYNCHRONOUS} on both sides`);
  console.log(
    `- per operation: process CPU time (user + system), best of 7 interleaved rounds (ours, raw, ours, …) after a warm-up round each; ours awaits every call, raw runs synchronously`,
  );
  console.log(`- search corpus ingested through addDocument in ${search.ingestSeconds.toFixed(1)} s\n`);
  console.log("| operation | @blue/store-sqlite | raw better-sqlite3 | ratio | target | met |");
  console.log("| --- | ---: | ---: | ---: | ---: | :---: |");
  for (const r of rows) {
    const ratio = r.ours / r.raw;
    console.log(
      `| ${r.name} | ${fmt(r.ours)} | ${fmt(r.raw)} | ${ratio.toFixed(2)}x | ≤${r.target}x | ${ratio <= r.target ? "yes" : "NO"} |`,
    );
  }
  console.log(`\nTotal benchmark time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  cleanup();
}

main().catch((e) => {
  cleanup();
  console.error(e);
  process.exit(1);
});
