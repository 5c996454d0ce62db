import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = "blue-sqlite-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** SHA-256 of a file's bytes. */
export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** The built CommonJS entry child processes load; the package must be built (`npx tsup`) first. */
export function builtEntry(): string {
  const entry = resolve(__dirname, "../../dist/index.cjs");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npx tsup\` in packages/sqlite before the tests`);
  return entry;
}

/** A clock the test moves by hand; `tick()` advances it by one millisecond. */
export function manualClock(start = "2026-02-02T10:00:00.000Z") {
  let t = Date.parse(start);
  return {
    clock: () => new Date(t),
    tick: (ms = 1) => {
      t += ms;
    },
    set: (iso: string) => {
      t = Date.parse(iso);
    },
  };
}
