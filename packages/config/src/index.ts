/**
 * @blue/store-config: reads `.blue/config.toml` and opens the storage engine it names.
 * Applications call `openStorage()` and never name a backend in code. Every engine plugs in
 * the same way, through the descriptor its module exports as `engine`: the SQLite and
 * DynamoDB packages (optional peers, loaded only when configured), core's memory engine, or
 * an application's own module (`backend = "custom"`).
 */
export type { BackendName, BlueConfig, Environment, SettingValue } from "./config/types";
export { BACKEND_NAMES, ENGINE_PACKAGES } from "./config/types";
export { parseConfig, defaultConfig, type ParseConfigOptions } from "./config/parse";
export { loadConfig, findProject, type LoadConfigOptions, type ProjectLocation } from "./config/load";
export { environmentVariables } from "./config/resolve";
export { createStorage, openStorage, type CreateStorageOptions, type OpenStorageOptions } from "./factory/create-storage";
export { createDialogueStore, createDocumentStore, type Owned } from "./factory/stores";
export { loadEngine, installCommands } from "./engines/load-engine";
export { descriptorProblem } from "./engines/descriptor-shape";
export { isStorageBackend } from "./engines/storage-shape";
export { ConfigError, BackendNotInstalledError, isStoreError } from "@blue/store-core";
export type { EngineDescriptor, EngineOpenContext, SettingSpec } from "@blue/store-core";
