/**
 * @blue/store-core: the storage contract of Blue Store (interfaces and entity types), typed
 * errors, the validation, key codec, cursors, tokenizer and BM25 scorer every backend
 * shares, and the in-memory reference backend. The conformance kit is at
 * `@blue/store-core/conformance`.
 */
export * from "./types/json";
export * from "./types/entities";
export * from "./types/stores";
export * from "./types/standard-schema";
export * from "./types/engine";
export * from "./errors";
export * from "./encoding";
export * from "./validation";
export * from "./search";
export * from "./model";
export * from "./memory";
export * from "./backend";
export * from "./enumeration";
