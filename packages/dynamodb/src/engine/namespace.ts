import { DeleteTableCommand, ListTablesCommand, waitUntilTableNotExists, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ValidationError } from "@blue/store-core";
import { asStoreError } from "@blue/store-core/engine";
import { createDynamoClient } from "../backend";
import { tablePrefixProblem, type DynamoEngineSettings } from "./settings";

/** Settings for a fresh namespace: the configured prefix plus the namespace, with the table created on open. */
export function isolateDynamo(settings: DynamoEngineSettings, namespace: string): DynamoEngineSettings {
  const tablePrefix = `${settings.tablePrefix}${namespace}_`;
  const problem = tablePrefixProblem(tablePrefix);
  if (problem !== undefined)
    throw new ValidationError(`namespace ${JSON.stringify(namespace)}: ${problem}`, { details: { field: "namespace" } });
  return { ...settings, tablePrefix, createTables: true };
}

async function tablesWithPrefix(client: DynamoDBClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []).filter((n) => n.startsWith(prefix)));
    start = page.LastEvaluatedTableName;
  } while (start !== undefined);
  return names;
}

/** Deletes every table whose name starts with the settings' prefix and waits until each is gone. */
export async function removeDynamoNamespace(settings: DynamoEngineSettings): Promise<void> {
  const client = createDynamoClient(settings);
  try {
    for (const table of await tablesWithPrefix(client, settings.tablePrefix)) {
      await client.send(new DeleteTableCommand({ TableName: table }));
      await waitUntilTableNotExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: table });
    }
  } catch (e) {
    throw asStoreError(e, `cannot delete the tables ${settings.tablePrefix}* in ${settings.region}`);
  } finally {
    client.destroy();
  }
}

/** The names of the tables whose name starts with `prefix` (what a namespace left behind). */
export async function listTablesWithPrefix(settings: Pick<DynamoEngineSettings, "region" | "endpoint">, prefix: string): Promise<string[]> {
  const client = createDynamoClient(settings);
  try {
    return await tablesWithPrefix(client, prefix);
  } catch (e) {
    throw asStoreError(e, `cannot list DynamoDB tables in ${settings.region}`);
  } finally {
    client.destroy();
  }
}
