import type { StorageBackend } from "@blue/store-core";
import { asStoreError } from "@blue/store-core/engine";
import type { DynamoSettings } from "../config/types";
import { DYNAMODB_ENGINE, loadEngineFactory } from "./optional-package";

/** The options `openDynamoStorage` of `@blue/store-dynamodb` takes from a config
 * (declared here, so the published types never name a type of the optional peer). */
interface DynamoOpenOptions {
  tablePrefix: string;
  region: string;
  endpoint?: string;
  createTables: boolean;
  shards?: number;
  clock?: () => Date;
}
type OpenDynamo = (options: DynamoOpenOptions) => StorageBackend | Promise<StorageBackend>;

/** Opens `@blue/store-dynamodb` with the configured tables, region and endpoint; `create: false` never creates a table. */
export async function openDynamoEngine(settings: DynamoSettings, clock?: () => Date, create = true): Promise<StorageBackend> {
  const open = await loadEngineFactory<OpenDynamo>(DYNAMODB_ENGINE);
  const options: DynamoOpenOptions = { tablePrefix: settings.tablePrefix, region: settings.region, createTables: create && settings.createTables };
  if (settings.endpoint !== undefined) options.endpoint = settings.endpoint;
  if (settings.shards !== undefined) options.shards = settings.shards;
  if (clock !== undefined) options.clock = clock;
  try {
    return await open(options);
  } catch (e) {
    throw asStoreError(e, `cannot open DynamoDB storage (tables "${settings.tablePrefix}*" in ${settings.region})`);
  }
}
