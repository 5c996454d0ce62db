import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  ValidationError,
  type BackendOptions,
  type Capabilities,
  type JsonShaped,
  type KeySchema,
  type StorageBackend,
  type Store,
} from "@blue/store-core";
import { Lifecycle, assertKeySchema, createModelContext } from "@blue/store-core/engine";
import { Executor } from "./client/executor";
import { DEFAULT_RETRY, type RetryPolicy } from "./client/retry";
import type { StoreContext } from "./context";
import { DynamoDialogueStore } from "./dialogues/dialogue-store";
import { DynamoDocumentStore } from "./documents/document-store";
import { DynamoStore } from "./generic/generic-store";
import { DynamoLinkStore } from "./links/link-store";
import { dynamoCatalog } from "./enumerate/catalog";
import { tablePrefixProblem } from "./engine/settings";
import type { TableLayout } from "./table/layout";
import { assertTableReady, provisionTable } from "./table/schema";
import { assertShards } from "./table/shards";

/** Options of `openDynamoStorage`. */
export interface DynamoStorageOptions extends BackendOptions {
  /** Prefix of the table name: the table is `<tablePrefix>store`. Default "blue_". */
  tablePrefix?: string;
  /** AWS region (default: $AWS_REGION, else "us-east-1"). Ignored when `client` is given. */
  region?: string;
  /** Endpoint URL, e.g. DynamoDB Local's http://127.0.0.1:8000. Ignored when `client` is given. */
  endpoint?: string;
  /** A ready client (its middleware, retries and credentials are used as they are). */
  client?: DynamoDBClient;
  /** Create the table and its indexes when missing (and wait until ACTIVE). Default false. */
  createTables?: boolean;
  /** Our retry budget for unprocessed batch items and conflicting transactions. */
  retry?: Partial<RetryPolicy>;
  /**
   * How many partition keys each sharded listing and counter is spread over (document
   * listing and corpus statistics among them): 1–256, default DEFAULT_SHARDS (32). More
   * shards take more writes per second before one partition key is hot; every listing page
   * reads every shard. Recorded in the table by the first handle that opens it; a handle
   * asking for another count is refused with CONFIG.
   */
  shards?: number;
  /**
   * A search completes any document index change that has been pending for at least this
   * many milliseconds (a writer that crashed or failed between its commit and the end of its
   * index change) before it ranks. Default 10,000: younger changes belong to writers still at
   * work. 0 repairs every pending change at once.
   */
  indexRepairAfterMs?: number;
}

/** The default of `indexRepairAfterMs`. */
export const DEFAULT_INDEX_REPAIR_AFTER_MS = 10_000;

const CAPABILITIES: Capabilities = Object.freeze({ persistent: true, listConsistency: "eventual", multiProcess: true });

/** A DynamoDB client for the options: credentials from the SDK's default chain (dummy ones for a local endpoint without any). */
export function createDynamoClient(options: { region?: string; endpoint?: string }): DynamoDBClient {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  const local = options.endpoint !== undefined && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(options.endpoint);
  const hasCredentials = process.env.AWS_ACCESS_KEY_ID !== undefined || process.env.AWS_PROFILE !== undefined;
  return new DynamoDBClient({
    region,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(local && !hasCredentials ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
}

/**
 * Opens Blue Store on DynamoDB (single-table design; see docs/access-patterns.md).
 * A missing table is a ConfigError saying how to create it, unless `createTables` is set.
 */
export async function openDynamoStorage(options: DynamoStorageOptions = {}): Promise<StorageBackend> {
  const tablePrefix = options.tablePrefix ?? "blue_";
  const prefixProblem = typeof tablePrefix === "string" ? tablePrefixProblem(tablePrefix) : "expected a string";
  if (prefixProblem !== undefined) throw new ValidationError(`tablePrefix: ${prefixProblem}`, { details: { field: "tablePrefix" } });
  const shards = assertShards(options.shards);
  const repairAfter = options.indexRepairAfterMs ?? DEFAULT_INDEX_REPAIR_AFTER_MS;
  if (typeof repairAfter !== "number" || !Number.isInteger(repairAfter) || repairAfter < 0) {
    throw new ValidationError("indexRepairAfterMs: must be a non-negative integer (milliseconds)", {
      details: { field: "indexRepairAfterMs" },
    });
  }
  const ownsClient = options.client === undefined;
  const client = options.client ?? createDynamoClient(options);
  let table: string;
  let layout: TableLayout;
  try {
    ({ table, layout } = options.createTables
      ? await provisionTable(client, { tablePrefix, ...(shards !== undefined ? { shards } : {}) })
      : await assertTableReady(client, tablePrefix, shards));
  } catch (e) {
    if (ownsClient) client.destroy();
    throw e;
  }
  const life = new Lifecycle();
  const c: StoreContext = {
    exec: new Executor(client, table, { ...DEFAULT_RETRY, ...options.retry }),
    life,
    model: createModelContext(options.clock),
    shards: layout.shards,
    indexRepairAfterMs: repairAfter,
  };
  const links = new DynamoLinkStore(c);
  return {
    name: "dynamodb",
    capabilities: CAPABILITIES,
    dialogues: new DynamoDialogueStore(c, links),
    documents: new DynamoDocumentStore(c),
    links,
    /** Synchronous: CLOSED, then a bad schema (VALIDATION), throw at once (it returns a handle, not a promise). */
    store<T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T> {
      life.check();
      return new DynamoStore<T>(c, assertKeySchema(schema));
    },
    catalog: dynamoCatalog(c),
    async close() {
      if (life.closed) return;
      life.closed = true;
      if (ownsClient) client.destroy();
    },
  };
}
