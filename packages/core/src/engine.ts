/**
 * @blue/store-core/engine: the helpers engine authors build a backend from, so that every
 * backend validates, encodes, pages, ranks and fails the same way: the model functions
 * (`buildDialogue`, `applyStatusChange`, …), the key codec and cursors, validation, the
 * tokenizer and BM25 scorer, the lifecycle, enumeration for backup and migration, and the
 * error factories (`notFound`, `alreadyExists`, …) that fix each error's code, message and
 * `details`. Applications need none of it: the interfaces, entity types, error classes and
 * the memory backend are in `@blue/store-core`.
 */
export * from "./encoding";
export * from "./validation/json";
export * from "./validation/scalars";
export * from "./validation/entity-refs";
export * from "./validation/options";
export * from "./search";
export * from "./model";
export * from "./enumeration";
export * from "./errors/factories";
export { asStoreError } from "./errors/store-error";
