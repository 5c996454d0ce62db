import { defineEngine } from "@blue/store-core";
import { openDynamoStorage, type DynamoStorageOptions } from "../backend";
import { LAYOUT_VERSION } from "../table/layout";
import { tableName } from "../table/schema";
import { isolateDynamo, removeDynamoNamespace } from "./namespace";
import { DYNAMODB_SETTINGS, type DynamoEngineSettings } from "./settings";

/** Drops `user:password@` and query strings (which may carry tokens) from an endpoint URL. */
function redactEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = "";
    url.password = "";
    url.search = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return "(unparsable endpoint)";
  }
}

/** The endpoint as scheme://host:port/path (the region's AWS endpoint when none), so spellings of one endpoint compare equal. */
function normalizeEndpoint(endpoint: string | undefined, region: string): string {
  if (endpoint === undefined) return normalizeEndpoint(`https://dynamodb.${region}.amazonaws.com`, region);
  try {
    const url = new URL(endpoint);
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    const host = url.hostname.toLowerCase().replace(/^localhost$|^\[::1\]$/, "127.0.0.1");
    return `${url.protocol}//${host}:${port}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return endpoint;
  }
}

/**
 * The DynamoDB engine (`backend = "dynamodb"`, `[storage.dynamodb]`): one table,
 * `<table_prefix>store`, created on open only with `create_tables` (and never with `create: false`).
 */
export const dynamodbEngine = defineEngine<DynamoEngineSettings>({
  name: "dynamodb",
  settings: DYNAMODB_SETTINGS,
  async open(settings, { clock, create }) {
    const options: DynamoStorageOptions = {
      tablePrefix: settings.tablePrefix,
      region: settings.region,
      createTables: create && settings.createTables,
    };
    if (settings.endpoint !== undefined) options.endpoint = settings.endpoint;
    if (settings.shards !== undefined) options.shards = settings.shards;
    if (clock !== undefined) options.clock = clock;
    return openDynamoStorage(options);
  },
  isolate: isolateDynamo,
  removeNamespace: removeDynamoNamespace,
  describe(settings) {
    const facts: Record<string, string | boolean> = { tablePrefix: settings.tablePrefix, region: settings.region };
    if (settings.endpoint !== undefined) facts.endpoint = redactEndpoint(settings.endpoint);
    facts.createTables = settings.createTables;
    const at = settings.endpoint === undefined ? "" : ` at ${String(facts.endpoint)}`;
    return { line: `dynamodb tables ${settings.tablePrefix}* in ${settings.region}${at}`, facts };
  },
  identity: (s) => `dynamodb:${normalizeEndpoint(s.endpoint, s.region)}|${s.region}|${tableName(s.tablePrefix)}`,
  async doctor(settings) {
    return [
      { name: "table", ok: true, detail: `${tableName(settings.tablePrefix)}: key schema, indexes and layout ${LAYOUT_VERSION} checked` },
    ];
  },
});
