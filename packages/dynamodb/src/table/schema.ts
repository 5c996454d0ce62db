import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { ConfigError } from "@blue/store-core";
import { awsErrorName, mapAwsError } from "../client/errors";
import { checkTableLayout, type TableLayout } from "./layout";

/** The single table's name for a prefix: `<prefix>store`. */
export function tableName(tablePrefix: string): string {
  return `${tablePrefix}store`;
}

/** GSI of dialogue headers by status: (g1pk = ("DS", status, shard), g1sk = listing key). */
export const STATUS_INDEX = "byStatus";
/** GSI of every dialogue header: (g2pk = ("DLGS", shard), g2sk = listing key). */
export const UPDATED_INDEX = "byUpdated";

/** LSI of postings by impact: (pk, im = dl/tf, ascending), so a token's best postings come first (src/search). */
export const IMPACT_INDEX = "byImpact";

/** The table's native TTL attribute (epoch seconds): generic items with an expiry carry it. */
export const TTL_ATTRIBUTE = "ttl";
/** The header attributes a summary needs: all the listing GSIs hold besides their keys (and pk, sk). */
export const SUMMARY_ATTRIBUTES = ["ti", "ds", "dc", "ua", "pc", "tc", "uc"];

const S = "S" as const;

function definition(table: string) {
  const gsi = (name: string, pk: string, sk: string) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: pk, KeyType: "HASH" as const },
      { AttributeName: sk, KeyType: "RANGE" as const },
    ],
    Projection: { ProjectionType: "INCLUDE" as const, NonKeyAttributes: SUMMARY_ATTRIBUTES },
  });
  return {
    TableName: table,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [
      ...["pk", "sk", "g1pk", "g1sk", "g2pk", "g2sk"].map((AttributeName) => ({ AttributeName, AttributeType: S })),
      { AttributeName: "im", AttributeType: "N" as const },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" as const },
      { AttributeName: "sk", KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: [gsi(STATUS_INDEX, "g1pk", "g1sk"), gsi(UPDATED_INDEX, "g2pk", "g2sk")],
    LocalSecondaryIndexes: [
      {
        IndexName: IMPACT_INDEX,
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" as const },
          { AttributeName: "im", KeyType: "RANGE" as const },
        ],
        Projection: { ProjectionType: "INCLUDE" as const, NonKeyAttributes: ["tf", "dl"] },
      },
    ],
  };
}

async function describe(client: DynamoDBClient, table: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: table }))).Table;
  } catch (e) {
    if (awsErrorName(e) === "ResourceNotFoundException") return undefined;
    throw mapAwsError(e, "DescribeTable", table);
  }
}

function isActive(t: TableDescription | undefined): boolean {
  return t?.TableStatus === "ACTIVE" && (t.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === "ACTIVE");
}

/** Fails with CONFIG unless `t` has the key schema and indexes this backend writes. */
function checkLayout(t: TableDescription, table: string): void {
  const keys = (t.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(",");
  const indexes = new Set([...(t.GlobalSecondaryIndexes ?? []), ...(t.LocalSecondaryIndexes ?? [])].map((g) => g.IndexName));
  if (keys !== "pk:HASH,sk:RANGE" || !indexes.has(STATUS_INDEX) || !indexes.has(UPDATED_INDEX) || !indexes.has(IMPACT_INDEX)) {
    throw new ConfigError(
      `DynamoDB table ${table} exists but is not a Blue Store table (keys ${keys}; indexes ${[...indexes].join(", ") || "none"}). ` +
        "Choose another table_prefix, or delete the table and let ensureTables() create it.",
      { details: { table } },
    );
  }
}

/**
 * Creates the Blue Store table (on-demand billing, with its two GSIs and one LSI) when it is missing and
 * waits until the table and its indexes are ACTIVE; records the layout version (and `shards`,
 * default DEFAULT_SHARDS) in a new or empty table. An existing table of another layout, or of
 * an older layout version, is a ConfigError and is left unchanged. Idempotent; safe to run
 * from several processes at once.
 */
export async function ensureTables(
  client: DynamoDBClient,
  options: { tablePrefix: string; timeoutMs?: number; shards?: number },
): Promise<string> {
  return (await provisionTable(client, options)).table;
}

/** ensureTables, also returning the table's recorded layout. */
export async function provisionTable(
  client: DynamoDBClient,
  options: { tablePrefix: string; timeoutMs?: number; shards?: number },
): Promise<{ table: string; layout: TableLayout }> {
  const table = tableName(options.tablePrefix);
  let t = await describe(client, table);
  let created = false;
  if (!t) {
    try {
      await client.send(new CreateTableCommand(definition(table)));
      created = true;
    } catch (e) {
      if (awsErrorName(e) !== "ResourceInUseException") throw mapAwsError(e, "CreateTable", table);
    }
  }
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
    t = await describe(client, table);
    if (t && isActive(t)) break;
    if (Date.now() > deadline) throw new ConfigError(`DynamoDB table ${table} did not become ACTIVE in time`, { details: { table } });
    await new Promise((r) => setTimeout(r, delay));
  }
  checkLayout(t, table);
  await enableTtl(client, table);
  return {
    table,
    layout: await checkTableLayout(client, table, { ...(options.shards !== undefined ? { shards: options.shards } : {}), fresh: created }),
  };
}

/**
 * Turns on DynamoDB's native TTL on TTL_ATTRIBUTE unless it is on (or being turned on).
 * Reads filter expired items themselves, so this only governs background removal.
 */
async function enableTtl(client: DynamoDBClient, table: string): Promise<void> {
  try {
    const d = (await client.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription;
    if (d?.TimeToLiveStatus === "ENABLED" || d?.TimeToLiveStatus === "ENABLING") {
      if (d.AttributeName !== undefined && d.AttributeName !== TTL_ATTRIBUTE) {
        throw new ConfigError(
          `DynamoDB table ${table} has TTL on attribute ${d.AttributeName}; Blue Store's generic items expire by ${TTL_ATTRIBUTE}`,
          { details: { table } },
        );
      }
      return;
    }
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }),
    );
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    // Another process turning TTL on at the same moment is the only expected failure.
    if (awsErrorName(e) === "ValidationException" && /already enabled/i.test(String((e as Error).message))) return;
    throw mapAwsError(e, "UpdateTimeToLive", table);
  }
}

/** Fails with a CONFIG error that says how to create the table when it is missing, foreign or of an older layout. */
export async function assertTableReady(
  client: DynamoDBClient,
  tablePrefix: string,
  shards?: number,
): Promise<{ table: string; layout: TableLayout }> {
  const table = tableName(tablePrefix);
  const t = await describe(client, table);
  if (!t) {
    throw new ConfigError(
      `DynamoDB table ${table} does not exist. Create it with openDynamoStorage({ createTables: true }), ` +
        "ensureTables(client, { tablePrefix }), or `blue-store init` with create_tables = true under [storage.dynamodb]",
      { details: { table, missing: true } },
    );
  }
  checkLayout(t, table);
  return { table, layout: await checkTableLayout(client, table, shards !== undefined ? { shards } : {}) };
}
