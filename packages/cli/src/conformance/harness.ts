import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStorage, type BlueConfig } from "@blue/store-config";
import { NotSupportedError, createMemoryStorage } from "@blue/store-core";
import type { ConformanceHarness } from "@blue/store-core/conformance";
import { dropDynamoTable } from "./dynamo-cleanup";

/**
 * A conformance harness over the configured backend in an isolated namespace: SQLite gets
 * a temporary database file per case (removed at the end), DynamoDB a unique table prefix
 * per case (its table is deleted when the case ends). The project's own data is never touched.
 */
export function harnessFor(config: BlueConfig): ConformanceHarness {
  if (config.backend === "memory") {
    return { name: "memory", capabilities: { persistent: false, listConsistency: "strong", multiProcess: false }, open: async ({ clock }) => createMemoryStorage({ clock }) };
  }
  if (config.backend === "sqlite") return sqliteHarness(config);
  if (config.backend === "dynamodb") return dynamoHarness(config);
  throw new NotSupportedError(`conformance cannot isolate a ${config.backend} backend`, {
    details: { backend: config.backend },
  });
}

function sqliteHarness(config: BlueConfig): ConformanceHarness {
  let folder = "";
  const pathOf = (namespace: string) => join(folder, `${namespace}.db`);
  const remove = (namespace: string) => Promise.all(["", "-wal", "-shm", "-journal"].map((s) => rm(`${pathOf(namespace)}${s}`, { force: true })));
  return {
    name: "sqlite",
    async setup() {
      folder = await mkdtemp(join(tmpdir(), "blue-conformance-"));
    },
    async open({ namespace, clock, fresh }) {
      if (fresh) await remove(namespace);
      return createStorage({ ...config, sqlite: { ...config.sqlite, path: pathOf(namespace) } }, { clock });
    },
    async destroy({ namespace }) {
      await remove(namespace);
    },
    async teardown() {
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}

function dynamoHarness(config: BlueConfig): ConformanceHarness {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const prefixes = new Set<string>();
  const prefixOf = (namespace: string) => `${config.dynamodb.tablePrefix}conformance_${run}_${namespace.replace(/-/g, "_")}_`;
  const drop = async (prefix: string) => {
    await dropDynamoTable(config.dynamodb, prefix);
    prefixes.delete(prefix);
  };
  return {
    name: "dynamodb",
    async open({ namespace, clock, fresh }) {
      const prefix = prefixOf(namespace);
      prefixes.add(prefix);
      return createStorage({ ...config, dynamodb: { ...config.dynamodb, tablePrefix: prefix, createTables: fresh } }, { clock });
    },
    async destroy({ namespace }) {
      await drop(prefixOf(namespace));
    },
    async teardown() {
      for (const prefix of [...prefixes]) await drop(prefix);
    },
  };
}
