import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeConformance, type ConformanceHarness } from "@blue/store-core/conformance/jest";
import { openJsonFileStorage, removeJsonFileStorage } from "../src";

// Step 2: a harness. One JSON file per namespace: the kit asks for a fresh one or for the
// data already there (it closes and reopens backends itself), and removes it after the case.
const dir = mkdtempSync(join(tmpdir(), "blue-json-file-"));
const fileOf = (namespace: string) => join(dir, `${namespace}.json`);

const harness: ConformanceHarness = {
  name: "json-file",
  capabilities: { persistent: true, listConsistency: "strong", multiProcess: false },
  open: async ({ namespace, clock, fresh }) => {
    if (fresh) await removeJsonFileStorage(fileOf(namespace));
    return openJsonFileStorage({ file: fileOf(namespace), clock });
  },
  destroy: ({ namespace }) => removeJsonFileStorage(fileOf(namespace)),
  // The same file opened by the kit's worker process (crash cases kill a writer there).
  worker: { module: join(__dirname, "conformance-worker.cjs"), options: { dir } },
  teardown: async () => rmSync(dir, { recursive: true, force: true }),
};

// Step 3: run the kit. Every case is one test; multi-process cases show as skipped.
describeConformance(harness);
