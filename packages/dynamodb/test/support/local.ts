import { DeleteTableCommand, DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import type { StorageBackend } from "@blue/store-core";
import { openDynamoStorage, tableName, type DynamoStorageOptions } from "../../src";

/** The DynamoDB Local started by the jest global setup (@blue/dynamodb-local). */
export function endpoint(): string {
  const url = process.env.BLUE_TEST_DYNAMODB_ENDPOINT;
  if (!url) throw new Error("BLUE_TEST_DYNAMODB_ENDPOINT is not set: run these tests through jest (globalSetup starts DynamoDB Local)");
  return url;
}

/** A client for DynamoDB Local with dummy credentials. */
export function localClient(config: Partial<DynamoDBClientConfig> = {}): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: endpoint(),
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    ...config,
  });
}

let counter = 0;
/** A table prefix no other test uses. */
export function uniquePrefix(tag = "t"): string {
  return `${tag}_${process.pid}_${Date.now().toString(36)}_${counter++}_`;
}

/** A backend on a fresh table of its own. `dispose()` closes it and drops the table. */
export async function freshBackend(
  options: Partial<DynamoStorageOptions> = {},
): Promise<{ backend: StorageBackend; prefix: string; client: DynamoDBClient; dispose(): Promise<void> }> {
  const prefix = options.tablePrefix ?? uniquePrefix();
  const client = options.client ?? localClient();
  const backend = await openDynamoStorage({ ...options, client, tablePrefix: prefix, createTables: true });
  return {
    backend,
    prefix,
    client,
    async dispose() {
      await backend.close();
      await dropTable(client, prefix);
      if (!options.client) client.destroy();
    },
  };
}

/** Drops the backend's table. A table that is already gone is fine; any other failure rejects. */
export async function dropTable(client: DynamoDBClient, prefix: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName(prefix) }));
  } catch (e) {
    if ((e as { name?: string }).name !== "ResourceNotFoundException") throw e;
  }
}

/** A fixed, advancing clock. */
export function steppingClock(start = Date.parse("2026-02-02T10:00:00.000Z"), stepMs = 1000): () => Date {
  let t = start;
  return () => new Date((t += stepMs));
}
