/**
 * @blue/store-config: reads `.blue/config.toml` and opens the storage engine it names.
 * Applications call `openStorage()` and never name a backend in code; the SQLite and
 * DynamoDB engines are optional peer packages, loaded only when configured.
 */
export type {
  BackendName,
  BlueConfig,
  CustomOptionValue,
  CustomSettings,
  DynamoSettings,
  Environment,
  SqliteSettings,
} from "./config/types";
export { BACKEND_NAMES } from "./config/types";
export { parseConfig, defaultConfig, type ParseConfigOptions } from "./config/parse";
export { loadConfig, findProject, type LoadConfigOptions, type ProjectLocation } from "./config/load";
export { ENV_VARIABLES } from "./config/env";
export { MAX_TABLE_PREFIX_LENGTH } from "./config/checks";
export { createStorage, openStorage, type CreateStorageOptions, type OpenStorageOptions } from "./factory/create-storage";
export { createDialogueStore, createDocumentStore, type Owned } from "./factory/stores";
export type { CustomStorageContext, CustomStorageFactory, CustomStorageOptions } from "./engines/custom";
export { isStorageBackend } from "./engines/storage-shape";
export { installCommands } from "./engines/optional-package";
export { ConfigError, BackendNotInstalledError, isStoreError } from "@blue/store-core";
