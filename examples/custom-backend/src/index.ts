/** A custom Blue Store backend, written against @blue/store-core's public API only. */
export { openJsonFileStorage, removeJsonFileStorage, type JsonFileStorageOptions } from "./backend";
export { engine, type JsonFileEngineSettings } from "./descriptor";
