import { GetItemCommand, PutItemCommand, ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ConfigError } from "@blue/store-core";
import { awsErrorName, mapAwsError } from "../client/errors";
import { layoutKey } from "./keys";
import { DEFAULT_SHARDS } from "./shards";

/**
 * The key layout this version writes. 1: single "DLGS"/"DS" listing partitions, one "LINKS"
 * partition (never recorded in the table). 2: sharded listings, links keyed by their ends,
 * and this version item. 3: postings sharded by document id with frequency counters and the
 * byImpact LSI, indexed after the commit (src/search). A table's layout is recorded once, in the item `layoutKey`
 * (attributes `layout` and `shards`), and checked by every open.
 */
export const LAYOUT_VERSION = 4;

/** What the table records about its layout. */
export interface TableLayout {
  shards: number;
}

function refuse(table: string, what: string): ConfigError {
  return new ConfigError(
    `DynamoDB table ${table} ${what}; this version of @blue/store-dynamodb uses layout ${LAYOUT_VERSION}. Nothing was changed in it. ` +
      "To move its data to a new table prefix, use `blue-store migrate` twice: with the version that wrote it, " +
      "`blue-store migrate --to <config.toml of a SQLite file>`; then with this version, from a config naming that file, " +
      `\`blue-store migrate --to <config.toml with a new table_prefix and create_tables = true>\` (the new table gets layout ${LAYOUT_VERSION}). ` +
      "Then point the application at the new prefix.",
    { details: { table, layout: LAYOUT_VERSION } },
  );
}

/**
 * Reads (or, on a table without data, writes) the layout version item. A table holding data
 * but no version item is layout 1; it and any other version are refused with CONFIG, unchanged.
 * `shards` (when given) must equal the recorded shard count: every handle must read the
 * shards every other handle writes.
 */
export async function checkTableLayout(
  client: DynamoDBClient,
  table: string,
  options: { shards?: number; fresh?: boolean },
): Promise<TableLayout> {
  const send = async <T>(command: unknown, context: string): Promise<T> => {
    try {
      return (await client.send(command as never)) as T;
    } catch (e) {
      throw mapAwsError(e, context, table);
    }
  };
  const key = { pk: { S: layoutKey.pk }, sk: { S: layoutKey.sk } };
  for (let round = 0; ; round++) {
    const out = await send<{ Item?: Record<string, { N?: string; S?: string }> }>(
      new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }),
      "open",
    );
    if (out.Item) {
      const layout = Number(out.Item.layout?.N);
      if (layout !== LAYOUT_VERSION)
        throw refuse(
          table,
          layout > LAYOUT_VERSION ? `was written by a newer version (layout ${layout})` : `holds data of Blue Store layout ${layout}`,
        );
      const shards = Number(out.Item.shards?.N);
      if (options.shards !== undefined && options.shards !== shards) {
        throw new ConfigError(
          `DynamoDB table ${table} is sharded over ${shards} partition keys, but it was opened with shards = ${options.shards}. ` +
            `Open it with shards = ${shards} (or leave shards unset), or copy its data to a new table prefix with \`blue-store migrate\`.`,
          { details: { table, shards, requested: options.shards } },
        );
      }
      return { shards };
    }
    if (round > 0) throw new ConfigError(`DynamoDB table ${table}: its layout version item could not be written`, { details: { table } });
    if (!options.fresh) {
      // No version item: a table of layout 1 unless it is empty (one item read, once per table).
      const scan = await send<{ Items?: unknown[] }>(new ScanCommand({ TableName: table, Limit: 1 }), "open");
      if ((scan.Items ?? []).length > 0) throw refuse(table, "holds data of Blue Store layout 1 (it has no layout version item)");
    }
    try {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { ...key, layout: { N: String(LAYOUT_VERSION) }, shards: { N: String(options.shards ?? DEFAULT_SHARDS) } },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (e) {
      // Another process wrote it first: read what it recorded.
      if (awsErrorName(e) !== "ConditionalCheckFailedException") throw mapAwsError(e, "open", table);
    }
  }
}
