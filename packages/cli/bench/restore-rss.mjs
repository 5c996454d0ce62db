// Restores a ~200 MB backup file with the built CLI and measures the process's peak RSS
// (VmHWM in /proc/<pid>/status, Linux). Fails when the peak reaches 300 MB. Run after
// `npx tsup`: `node bench/restore-rss.mjs [megabytes]`. Not part of `jest` (it takes ~1 min).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const BIN = resolve(import.meta.dirname, "../dist/bin.cjs");
const TARGET_MB = Number(process.argv[2] ?? 200);
const LIMIT_MB = 300;
const dir = mkdtempSync(join(tmpdir(), "blue-restore-rss-"));
const file = join(dir, "big.bsb");
const at = "2026-02-02T10:00:00.000Z";

async function writeBackupFile() {
  const out = createWriteStream(file);
  const hash = createHash("sha256");
  const counts = { dialogue: 0, document: 0, item: 0, link: 0 };
  let records = 0;
  const write = (text) => (out.write(text) ? undefined : new Promise((r) => out.once("drain", r)));
  const record = async (kind, value) => {
    const text = `${JSON.stringify(value)}\n`;
    hash.update(text);
    counts[kind]++;
    records++;
    await write(text);
  };
  await write(`${JSON.stringify({ createdAt: at, format: "blue.store-backup", kind: "header", source: "sqlite", version: 1 })}\n`);
  const half = (TARGET_MB * 1024 * 1024) / 2;
  const words = "storage backup restore memory stream line record ";
  const documents = Math.ceil(half / (2.5 * 1024 * 1024));
  for (let id = 1; id <= documents; id++) {
    const body = words.repeat(Math.floor((2.5 * 1024 * 1024) / words.length));
    await record("document", { document: { body, createdAt: at, id, title: `document ${id}`, updatedAt: at }, kind: "document" });
  }
  for (let i = 0; i < 20; i++) {
    const id = `d${String(i).padStart(3, "0")}`;
    await record("dialogue", {
      dialogue: { createdAt: at, id, status: "open", title: `dialogue ${id}`, updatedAt: at },
      kind: "dialogue",
      perspectives: [],
      tensions: [],
    });
  }
  // Links and items in the stream's order: by (from, to, kind) and (store, pk, sk), as strings.
  const froms = Array.from({ length: documents - 1 }, (_, i) => i + 1).sort((a, b) => (String(a) < String(b) ? -1 : 1));
  for (const id of froms)
    await record("link", { kind: "link", link: { createdAt: at, from: `document:${id}`, kind: "next", to: `document:${id + 1}` } });
  const items = Math.ceil(half / (300 * 1024));
  for (let p = 0; p < 10; p++) {
    for (let i = p; i < items; i += 10) {
      await record("item", {
        item: { i, pad: "x".repeat(300 * 1024) },
        kind: "item",
        pk: `p${p}`,
        sk: `i${String(i).padStart(6, "0")}`,
        store: "blobs",
      });
    }
  }
  await write(`${JSON.stringify({ counts, kind: "trailer", records, sha256: hash.digest("hex") })}\n`);
  await new Promise((r) => out.end(r));
  return records;
}

function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
    return { hwm: kb("VmHWM"), rss: kb("VmRSS") };
  } catch {
    return undefined;
  }
}

const records = await writeBackupFile();
const bytes = statSync(file).size;
const project = join(dir, "project");
mkdirSync(join(project, ".blue"), { recursive: true });
const started = Date.now();
const child = spawn(process.execPath, [BIN, "restore", file, "--json"], {
  cwd: project,
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
});
let stdout = "";
let stderr = "";
child.stdout.on("data", (d) => (stdout += d));
child.stderr.on("data", (d) => (stderr += d));
let peakKb = 0;
const poll = setInterval(() => {
  const s = status(child.pid);
  if (s) peakKb = Math.max(peakKb, s.hwm);
}, 25);
const code = await new Promise((r) => child.on("close", r));
clearInterval(poll);
const seconds = (Date.now() - started) / 1000;
const peakMb = Math.round(peakKb / 1024);
const report = JSON.parse(stdout || "{}");
console.log(
  JSON.stringify({
    backupMB: Math.round(bytes / 1024 / 1024),
    records,
    exitCode: code,
    ok: report.ok,
    seconds: Math.round(seconds * 10) / 10,
    peakRssMB: peakMb,
    limitMB: LIMIT_MB,
  }),
);
rmSync(dir, { recursive: true, force: true });
if (code !== 0 || report.ok !== true) {
  console.error(stderr);
  process.exit(1);
}
if (peakMb >= LIMIT_MB) {
  console.error(`peak RSS ${peakMb} MB is not under ${LIMIT_MB} MB`);
  process.exit(1);
}
