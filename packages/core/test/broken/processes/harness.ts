import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConformanceHarness } from "../../../src/conformance";
import type { StorageBackend } from "../../../src/types/stores";

/** The two broken variants of the log-file backend (see log-file-backend.cjs). */
export type LogFileVariant = "unlocked" | "lossy";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { openLogFile } = require("./log-file-backend.cjs") as {
  openLogFile(options: { file: string; clock: () => Date; variant: LogFileVariant }): Promise<StorageBackend>;
};

/** A harness over the log-file backend: one log per namespace in a temporary folder, opened in other processes by the kit's worker. */
export function logFileHarness(variant: LogFileVariant): ConformanceHarness {
  let dir = "";
  const fileOf = (namespace: string) => join(dir, `${namespace}.jsonl`);
  const remove = (namespace: string) => {
    for (const name of readdirSync(dir)) if (name.startsWith(`${namespace}.jsonl`)) rmSync(join(dir, name), { force: true });
  };
  dir = mkdtempSync(join(tmpdir(), `blue-log-file-${variant}-`));
  return {
    name: `log-file-${variant}`,
    capabilities: { persistent: true, listConsistency: "strong", multiProcess: variant !== "lossy" },
    open: async ({ namespace, clock, fresh }) => {
      if (fresh) remove(namespace);
      return openLogFile({ file: fileOf(namespace), clock, variant });
    },
    destroy: async ({ namespace }) => remove(namespace),
    worker: { module: join(__dirname, "log-file-backend.cjs"), options: { dir, variant } },
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
