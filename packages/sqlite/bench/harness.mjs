// Timing helpers and the paired databases of the SQLite benchmark.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
export const Database = require("better-sqlite3");
export const { openSqliteStorage } = require("../dist/index.cjs");
const { createRng } = require("@blue/store-core/conformance");

/** Both sides commit the same way: WAL with synchronous=NORMAL, so fsync does not hide the layer's cost. */
export const SYNCHRONOUS = "normal";

const folder = mkdtempSync(join(tmpdir(), "blue-sqlite-bench-"));
export const cleanup = () => rmSync(folder, { recursive: true, force: true });
let files = 0;

/**
 * A Blue Store backend on a new file, and a raw better-sqlite3 connection on another new file
 * with the same schema (made by the backend) and the same pragmas.
 */
export async function pair(clock) {
  const ours = await openSqliteStorage({ path: join(folder, `ours-${++files}.db`), synchronous: SYNCHRONOUS, clock });
  const rawFile = join(folder, `raw-${files}.db`);
  await (await openSqliteStorage({ path: rawFile })).close();
  const raw = new Database(rawFile);
  raw.pragma("journal_mode = WAL");
  raw.pragma(`synchronous = ${SYNCHRONOUS}`);
  return { ours, raw, rawFile };
}

/** CPU time (user + system) of this process so far, in nanoseconds. */
function cpuNs() {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/**
 * Nanoseconds per operation of the backend (`ours`, awaited) and of raw better-sqlite3 (`raw`,
 * synchronous), in interleaved rounds of `n` operations after one warm-up round each. The
 * machine is shared with other busy processes, so time is this process's CPU time (user +
 * system, which includes SQLite's write() calls), and each side reports its best round.
 */
export async function compare(n, ours, raw, rounds = 7) {
  return bestRounds(n, ours, raw, rounds, false);
}

/** Like `compare`, with both sides awaited (two ways through the backend itself). */
export async function compareAsync(n, ours, base, rounds = 7) {
  return bestRounds(n, ours, base, rounds, true);
}

/** The measurement of `compare`: the `other` side is awaited only when `awaitOther`. */
async function bestRounds(n, ours, other, rounds, awaitOther) {
  const best = { ours: Infinity, raw: Infinity };
  for (let r = -1; r < rounds; r++) {
    let start = cpuNs();
    for (let i = 0; i < n; i++) await ours(i);
    const o = (cpuNs() - start) / n;
    start = cpuNs();
    if (awaitOther) for (let i = 0; i < n; i++) await other(i);
    else for (let i = 0; i < n; i++) other(i);
    const w = (cpuNs() - start) / n;
    if (r >= 0) {
      best.ours = Math.min(best.ours, o);
      best.raw = Math.min(best.raw, w);
    }
  }
  return best;
}

/** A deterministic PRNG (core's mulberry32, `createRng`). */
export function prng(seed) {
  return createRng(seed).next;
}

/** A fixed clock that moves one millisecond per call (timestamps stay valid and increasing). */
export function steppingClock() {
  let t = Date.parse("2026-02-02T10:00:00.000Z");
  return () => new Date(t++);
}
