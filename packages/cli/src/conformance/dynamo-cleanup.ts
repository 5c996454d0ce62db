import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { asStoreError } from "@blue/store-core/engine";
import type { DynamoSettings } from "@blue/store-config";

/** The AWS SDK, loaded only when a DynamoDB conformance run needs it (it is slow to load). */
const sdk = () => import("@aws-sdk/client-dynamodb");

/** A client for the configured region and endpoint (DynamoDB Local accepts any credentials). */
async function clientFor(settings: DynamoSettings, env: NodeJS.ProcessEnv = process.env): Promise<DynamoDBClient> {
  const { DynamoDBClient } = await sdk();
  const local = settings.endpoint !== undefined && /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(settings.endpoint);
  const anonymous = local && env.AWS_ACCESS_KEY_ID === undefined && env.AWS_PROFILE === undefined;
  return new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint } : {}),
    ...(anonymous ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
}

/** Every table whose name starts with `prefix`. */
export async function listTablesWithPrefix(settings: DynamoSettings, prefix: string): Promise<string[]> {
  const { ListTablesCommand } = await sdk();
  const client = await clientFor(settings);
  try {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      names.push(...(page.TableNames ?? []).filter((n) => n.startsWith(prefix)));
      start = page.LastEvaluatedTableName;
    } while (start !== undefined);
    return names;
  } catch (e) {
    throw asStoreError(e, `cannot list DynamoDB tables in ${settings.region}`);
  } finally {
    client.destroy();
  }
}

/** Deletes every table of `prefix` (what one conformance case created) and waits until they are gone. */
export async function dropDynamoTable(settings: DynamoSettings, prefix: string): Promise<void> {
  const tables = await listTablesWithPrefix(settings, prefix);
  const { DeleteTableCommand, waitUntilTableNotExists } = await sdk();
  const client = await clientFor(settings);
  try {
    for (const table of tables) {
      await client.send(new DeleteTableCommand({ TableName: table }));
      await waitUntilTableNotExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: table });
    }
  } catch (e) {
    throw asStoreError(e, `cannot delete the conformance tables ${prefix}*`);
  } finally {
    client.destroy();
  }
}
