import type { StorageBackend } from "@blue/store-core";
import type { ConformanceHarness } from "@blue/store-core/conformance";
import { openDynamoStorage } from "../../src";
import { dropTable, localClient } from "./local";

/** One table per conformance namespace on the jest run's DynamoDB Local; reopen = a new backend on the same table. */
export function dynamoHarness(): ConformanceHarness {
  const client = localClient();
  const opened = new WeakMap<StorageBackend, { prefix: string; clock: () => Date }>();
  const open = async (prefix: string, clock: () => Date, createTables: boolean) => {
    const backend = await openDynamoStorage({ client, tablePrefix: prefix, clock, createTables });
    opened.set(backend, { prefix, clock });
    return backend;
  };
  return {
    name: "dynamodb",
    capabilities: { persistent: true, listConsistency: "eventual", multiProcess: true },
    expectedFailures: {},
    create: ({ namespace, clock }) => open(`cf_${namespace}_`, clock, true),
    reopen: (backend) => {
      const o = opened.get(backend)!;
      return open(o.prefix, o.clock, false);
    },
    destroy: async (backend) => {
      const o = opened.get(backend);
      if (o) await dropTable(client, o.prefix);
    },
    teardown: async () => client.destroy(),
  };
}
