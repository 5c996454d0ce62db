/**
 * @blue/store-core: what applications write against — the storage contract's interfaces and
 * entity types, the typed errors (`StoreError`, its subclasses, `isStoreError`), the portable
 * `LIMITS`, and the in-memory reference backend (`createMemoryStorage`). Helpers for engine
 * authors (model functions, codecs, cursors, tokenizer, scorer, error factories) are at
 * `@blue/store-core/engine`; the conformance kit is at `@blue/store-core/conformance`.
 */
export * from "./types/json";
export * from "./types/entities";
export * from "./types/stores";
export * from "./types/standard-schema";
export {
  StoreError,
  NotFoundError,
  ConflictError,
  ValidationError,
  ItemTooLargeError,
  UnavailableError,
  ClosedError,
  NotSupportedError,
  ConfigError,
  BackendNotInstalledError,
  InternalError,
  STORE_ERROR_CODES,
  isStoreError,
  type StoreErrorCode,
  type StoreErrorDetails,
  type StoreErrorOptions,
} from "./errors/store-error";
export { LIMITS } from "./validation/limits";
export { createMemoryStorage, memoryEngine, type MemoryStorageOptions } from "./memory";
export * from "./types/engine";
export * from "./backend";
