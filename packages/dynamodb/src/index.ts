/**
 * @blue/store-dynamodb: Blue Store on Amazon DynamoDB (single-table design, token index for
 * search, transactions for atomic updates). `openDynamoStorage(options)` opens the backend;
 * `ensureTables(client, { tablePrefix })` provisions the table; `engine` is the descriptor
 * `@blue/store-config` and the CLI open it through. One store alone (the RFC's
 * `DynamoDialogueStore::new_local()`): `openStore(openDynamoStorage(options), "dialogues")`
 * from `@blue/store-core`, whose `close()` destroys the client it created.
 */
export { openDynamoStorage, createDynamoClient, type DynamoStorageOptions } from "./backend";
export { ensureTables, tableName, STATUS_INDEX, UPDATED_INDEX } from "./table/schema";
export { DynamoDialogueStore } from "./dialogues/dialogue-store";
export { DynamoDocumentStore } from "./documents/document-store";
export { DynamoLinkStore } from "./links/link-store";
export { DynamoStore } from "./generic/generic-store";
export { DEFAULT_RETRY, type RetryPolicy } from "./client/retry";
export { DEFAULT_SHARDS, MAX_SHARDS } from "./table/shards";
export { LAYOUT_VERSION } from "./table/layout";
export { dynamodbEngine, dynamodbEngine as engine } from "./engine/descriptor";
export {
  DYNAMODB_SETTINGS,
  MAX_TABLE_PREFIX_LENGTH,
  endpointProblem,
  regionProblem,
  tablePrefixProblem,
  type DynamoEngineSettings,
} from "./engine/settings";
export { listTablesWithPrefix } from "./engine/namespace";
