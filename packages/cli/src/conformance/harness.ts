import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStorage, type BlueConfig } from "@blue/store-config";
import { NotSupportedError, createMemoryStorage, type StorageBackend } from "@blue/store-core";
import type { ConformanceHarness } from "@blue/store-core/conformance";
import { dropDynamoTable } from "./dynamo-cleanup";

/**
 * A conformance harness over the configured backend in an isolated namespace: SQLite gets
 * a temporary database file per case (removed at the end), DynamoDB a unique table prefix
 * per case (its table is deleted when the case ends). The project's own data is never touched.
 */
export function harnessFor(config: BlueConfig): ConformanceHarness {
  if (config.backend === "memory") return { name: "memory", create: async ({ clock }) => createMemoryStorage({ clock }) };
  if (config.backend === "sqlite") return sqliteHarness(config);
  if (config.backend === "dynamodb") return dynamoHarness(config);
  throw new NotSupportedError(`conformance cannot isolate a ${config.backend} backend`, {
    details: { backend: config.backend },
  });
}

function sqliteHarness(config: BlueConfig): ConformanceHarness {
  let folder = "";
  let count = 0;
  const where = new WeakMap<StorageBackend, { path: string; clock: () => Date }>();
  const open = async (path: string, clock: () => Date) => {
    const backend = await createStorage({ ...config, sqlite: { ...config.sqlite, path } }, { clock });
    where.set(backend, { path, clock });
    return backend;
  };
  return {
    name: "sqlite",
    async setup() {
      folder = await mkdtemp(join(tmpdir(), "blue-conformance-"));
    },
    async create({ clock }) {
      return open(join(folder, `case-${++count}.db`), clock);
    },
    // Another backend over the same file (the kit closes the first itself when it should).
    async reopen(backend) {
      const at = where.get(backend)!;
      return open(at.path, at.clock);
    },
    async destroy(backend) {
      await backend.close();
      const at = where.get(backend);
      if (at) await Promise.all(["", "-wal", "-shm", "-journal"].map((s) => rm(`${at.path}${s}`, { force: true })));
    },
    async teardown() {
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

function dynamoHarness(config: BlueConfig): ConformanceHarness {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  let count = 0;
  const prefixes = new Set<string>();
  const where = new WeakMap<StorageBackend, { prefix: string; clock: () => Date }>();
  const open = async (prefix: string, clock: () => Date) => {
    prefixes.add(prefix);
    const backend = await createStorage({ ...config, dynamodb: { ...config.dynamodb, tablePrefix: prefix, createTables: true } }, { clock });
    where.set(backend, { prefix, clock });
    return backend;
  };
  const drop = async (prefix: string) => {
    await dropDynamoTable(config.dynamodb, prefix);
    prefixes.delete(prefix);
  };
  return {
    name: "dynamodb",
    async create({ clock }) {
      return open(`${config.dynamodb.tablePrefix}conformance_${run}_${++count}_`, clock);
    },
    async reopen(backend) {
      const at = where.get(backend)!;
      return open(at.prefix, at.clock);
    },
    async destroy(backend) {
      await backend.close();
      const at = where.get(backend);
      if (at) await drop(at.prefix);
    },
    async teardown() {
      for (const prefix of [...prefixes]) await drop(prefix);
    },
  };
}
