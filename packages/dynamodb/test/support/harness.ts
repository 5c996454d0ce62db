import { join } from "node:path";
import type { ConformanceHarness } from "@blue/store-core/conformance";
import { openDynamoStorage } from "../../src";
import { dropTable, endpoint, localClient } from "./local";

/** The table prefix of a conformance namespace (the worker module derives the same one). */
const prefixOf = (namespace: string) => `cf_${namespace}_`;

/**
 * One table per conformance namespace on the jest run's DynamoDB Local; opening existing data
 * is a new backend on the same table, in this process or in the kit's worker processes.
 */
export function dynamoHarness(): ConformanceHarness {
  const client = localClient();
  return {
    name: "dynamodb",
    capabilities: { persistent: true, listConsistency: "eventual", multiProcess: true },
    expectedFailures: {},
    open: ({ namespace, clock, fresh }) => openDynamoStorage({ client, tablePrefix: prefixOf(namespace), clock, createTables: fresh }),
    destroy: ({ namespace }) => dropTable(client, prefixOf(namespace)),
    worker: { module: join(__dirname, "conformance-worker.cjs"), options: { endpoint: endpoint() } },
    teardown: async () => client.destroy(),
  };
}
