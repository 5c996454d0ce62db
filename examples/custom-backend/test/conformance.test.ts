import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageBackend } from "@blue/store-core";
import { describeConformance, type ConformanceHarness } from "@blue/store-core/conformance/jest";
import { openJsonFileStorage, removeJsonFileStorage } from "../src";

// Step 2: a harness. One JSON file per namespace; reopen opens the same file again.
const dir = mkdtempSync(join(tmpdir(), "blue-json-file-"));
const files = new WeakMap<StorageBackend, { file: string; clock: () => Date }>();

async function open(file: string, clock: () => Date): Promise<StorageBackend> {
  const backend = await openJsonFileStorage({ file, clock });
  files.set(backend, { file, clock });
  return backend;
}

const harness: ConformanceHarness = {
  name: "json-file",
  capabilities: { persistent: true, listConsistency: "strong", multiProcess: false },
  create: ({ namespace, clock }) => open(join(dir, `${namespace}.json`), clock),
  reopen: (backend) => {
    const { file, clock } = files.get(backend)!;
    return open(file, clock);
  },
  destroy: (backend) => removeJsonFileStorage(files.get(backend)!.file),
  teardown: async () => rmSync(dir, { recursive: true, force: true }),
};

// Step 3: run the kit. Every case is one jest test; multi-process cases show as skipped.
describeConformance(harness);
