import { rmSync } from "node:fs";
import { join } from "node:path";
import { describeConformance } from "@blue/store-core/conformance/jest";
import { openSqliteStorage } from "../src";
import { tempDir } from "./support/files";

const folder = tempDir("blue-sqlite-conformance-");
const fileOf = (namespace: string) => join(folder.dir, `${namespace}.db`);
const remove = (namespace: string) => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${fileOf(namespace)}${suffix}`, { force: true });
};

// One database file per namespace; other processes (the kit's worker) open the same file.
describeConformance({
  name: "sqlite (file)",
  capabilities: { persistent: true, listConsistency: "strong", multiProcess: true },
  open: ({ namespace, clock, fresh }) => {
    if (fresh) remove(namespace);
    return openSqliteStorage({ path: fileOf(namespace), clock });
  },
  destroy: async ({ namespace }) => remove(namespace),
  worker: { module: join(__dirname, "support", "conformance-worker.cjs"), options: { dir: folder.dir } },
  teardown: async () => folder.cleanup(),
});

// An in-memory database lives in one connection: not persistent, no other process can open it.
describeConformance({
  name: "sqlite (:memory:)",
  capabilities: { persistent: false, listConsistency: "strong", multiProcess: false },
  open: ({ clock }) => openSqliteStorage({ path: ":memory:", clock }),
});
