import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A temporary project folder; `write` adds files, `remove` deletes it all. */
export interface TempProject {
  root: string;
  write(relativePath: string, text: string): string;
  remove(): void;
}

export function tempProject(prefix = "blue-config-"): TempProject {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    write(relativePath, text) {
      const file = join(root, relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A fixed clock for stores under test. */
export const FIXED_CLOCK = () => new Date("2026-02-02T10:00:00.000Z");
