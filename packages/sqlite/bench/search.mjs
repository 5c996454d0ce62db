// search over 50,000 documents: the backend beside the raw FTS5 query and document reads in one
// read transaction, as the backend does (same index, same file copy).
import { copyFileSync } from "node:fs";
import { Database, SYNCHRONOUS, openSqliteStorage, pair, prng, steppingClock, compare } from "./harness.mjs";

const VOCABULARY = Array.from({ length: 8000 }, (_, i) => `w${i.toString(36)}${"aeiou"[i % 5]}`);

/** A Zipf-like word: low ranks are common, high ranks rare. */
function word(random) {
  return VOCABULARY[Math.floor(VOCABULARY.length * random() ** 3)];
}

export async function searchBench(count = 50_000) {
  const random = prng(53);
  const clock = steppingClock();
  const { ours, rawFile } = await pair(clock);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const title = Array.from({ length: 3 + Math.floor(random() * 5) }, () => word(random)).join(" ");
    const body = Array.from({ length: 40 + Math.floor(random() * 120) }, () => word(random)).join(" ");
    await ours.documents.addDocument({ title, body, kind: "note" });
  }
  const ingestSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const file = ours.file;
  await ours.close();
  copyFileSync(file, rawFile);
  const again = await openSqliteStorage({ path: file, synchronous: SYNCHRONOUS, clock });
  const raw = new Database(rawFile, { readonly: true });

  const queries = Array.from({ length: 200 }, (_, i) => {
    const n = 1 + (i % 3);
    return Array.from({ length: n }, () => VOCABULARY[Math.floor(random() * (i % 2 ? 60 : 2000))]);
  });
  const text = queries.map((words) => words.join(" "));
  const match = queries.map((words) => [...new Set(words)].map((w) => `"${w}"`).join(" AND "));
  const rank = raw.prepare("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?").pluck();
  const doc = raw.prepare("SELECT item FROM documents WHERE id = ?").pluck();
  // One read transaction per query on both sides: the store reads ranks and documents in one.
  const rawSearch = raw.transaction((m) => rank.all(m, 10).map((id) => ({ id, ...JSON.parse(doc.get(id)) })));
  let hits = 0;
  for (const q of text) hits += (await again.documents.search(q, 10)).length;

  const row = {
    name: `search (${count.toLocaleString("en")} docs, limit 10; ${(hits / text.length).toFixed(1)} hits/query)`,
    ...(await compare(
      text.length,
      (i) => again.documents.search(text[i], 10),
      (i) => rawSearch(match[i]),
    )),
    target: 1.5,
  };
  await again.close();
  raw.close();
  return { rows: [row], ingestSeconds };
}
