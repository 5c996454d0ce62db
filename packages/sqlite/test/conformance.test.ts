import { rmSync } from "node:fs";
import { join } from "node:path";
import type { StorageBackend } from "@blue/store-core";
import { describeConformance } from "@blue/store-core/conformance/jest";
import { openSqliteStorage, type SqliteStorageBackend } from "../src";
import { tempDir } from "./support/files";

const folder = tempDir("blue-sqlite-conformance-");
const clocks = new WeakMap<StorageBackend, () => Date>();

async function open(path: string, clock: () => Date): Promise<SqliteStorageBackend> {
  const backend = await openSqliteStorage({ path, clock });
  clocks.set(backend, clock);
  return backend;
}

describeConformance({
  name: "sqlite (file)",
  capabilities: { persistent: true, listConsistency: "strong", multiProcess: true },
  create: ({ namespace, clock }) => open(join(folder.dir, `${namespace}.db`), clock),
  reopen: (backend) => open((backend as SqliteStorageBackend).file, clocks.get(backend)!),
  async destroy(backend) {
    const file = (backend as SqliteStorageBackend).file;
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  },
  teardown: async () => folder.cleanup(),
});

describeConformance({
  name: "sqlite (:memory:)",
  capabilities: { persistent: false, listConsistency: "strong", multiProcess: false },
  create: ({ clock }) => openSqliteStorage({ path: ":memory:", clock }),
});
