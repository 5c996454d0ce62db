import type { GenericStoreCatalog } from "../enumeration/types";
import type {
  Dialogue,
  DialogueExport,
  DialoguePatch,
  DialogueStatus,
  DialogueSummary,
  Document,
  DocumentPatch,
  EntityRef,
  Link,
  NewDialogue,
  NewDocument,
  NewLink,
  NewPerspective,
  NewTension,
  Tension,
  TensionEventInput,
  TensionId,
  TensionStatus,
} from "./entities";
import type { JsonShaped } from "./json";
import type { StandardSchemaV1 } from "./standard-schema";

/** One page of a paged listing. No `cursor` means this is the last page. */
export type Page<T> = {
  items: T[];
  cursor?: string;
};

/** Paging input. `limit` is 1..1000 (default 100); `cursor` comes from the previous page. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** What `importDialogue` does when the dialogue id already exists. Default "fail". */
export type ImportConflictPolicy = "fail" | "skip" | "replace";

/** Dialogues, perspectives, tensions and tension status events. */
export interface DialogueStore {
  /** Creates a dialogue; returns its id. A taken id is a ConflictError ALREADY_EXISTS. */
  createDialogue(d: NewDialogue): Promise<string>;
  getDialogue(id: string): Promise<Dialogue | null>;
  /** Changes title, question, status or metadata; moves `updatedAt`. Missing -> NotFoundError. */
  updateDialogue(id: string, patch: DialoguePatch): Promise<Dialogue>;
  /** Removes the dialogue, its perspectives, tensions, events and links. False if absent. */
  deleteDialogue(id: string): Promise<boolean>;
  /** Dialogue missing -> NotFoundError; id taken in that dialogue -> ALREADY_EXISTS. */
  registerPerspective(p: NewPerspective): Promise<void>;
  /** Status defaults to "open" and is recorded as event seq 1. */
  registerTension(t: NewTension): Promise<void>;
  /**
   * Atomically moves a tension to `status`, records the event, and updates the dialogue's
   * `updatedAt` and counters. With `ifStatus` and another current status: CONDITION_FAILED.
   */
  updateTensionStatus(
    id: TensionId,
    status: TensionStatus,
    event: TensionEventInput,
    options?: { ifStatus?: TensionStatus },
  ): Promise<Tension>;
  /** Everything of one dialogue. Missing -> NotFoundError. */
  exportDialogue(id: string): Promise<DialogueExport>;
  /** Reproduces an export exactly (ids, timestamps, event seqs, links). */
  importDialogue(e: DialogueExport, options?: { onConflict?: ImportConflictPolicy }): Promise<void>;
  /** Every dialogue (optionally of one status), by `updatedAt` descending, then id ascending. */
  listDialogues(status?: DialogueStatus): Promise<DialogueSummary[]>;
  /** The same order as `listDialogues`, one page at a time. */
  listDialoguesPage(q: PageRequest & { status?: DialogueStatus }): Promise<Page<DialogueSummary>>;
  /** The same order as `listDialogues`, read a page at a time (constant memory). */
  iterateDialogues(status?: DialogueStatus, options?: IterationOptions): AsyncIterable<DialogueSummary>;
}

/** Documents with full-text search. */
export interface DocumentStore {
  /** Returns the new id: positive, increasing in creation order, never reused. */
  addDocument(doc: NewDocument): Promise<number>;
  getDocument(id: number): Promise<Document | null>;
  /** Missing -> NotFoundError. Moves `updatedAt`. */
  updateDocument(id: number, patch: DocumentPatch): Promise<Document>;
  /** Removes the document and every link to or from it. False if absent. */
  deleteDocument(id: number): Promise<boolean>;
  /** Documents by id ascending. */
  listDocumentsPage(q: PageRequest): Promise<Page<Document>>;
  /** Every document by id ascending, read a page at a time (constant memory). */
  iterateDocuments(options?: IterationOptions): AsyncIterable<Document>;
  /** Documents containing every query token, by BM25 (ties to the lower id). Limit 1..1000, default 10. */
  search(query: string, limit?: number): Promise<Document[]>;
  /**
   * Stores a whole document under its own id and timestamps (backup, migration). Later
   * `addDocument` ids stay above every imported id. An existing id: see `onConflict`.
   */
  importDocument(doc: Document, options?: { onConflict?: ImportConflictPolicy }): Promise<void>;
}

/** Typed relationships between canonical entity addresses. */
export interface LinkStore {
  /** Adding the same (from, to, kind) again replaces metadata and keeps `createdAt`. */
  addLink(link: NewLink): Promise<void>;
  removeLink(from: EntityRef, to: EntityRef, kind: string): Promise<boolean>;
  /** Links from an entity, by (kind, to). */
  linksFrom(from: EntityRef, options?: { kind?: string }): Promise<Link[]>;
  /** Links to an entity, by (kind, from). */
  linksTo(to: EntityRef, options?: { kind?: string }): Promise<Link[]>;
  /** Every link, by (from, to, kind), one page at a time (backup, migration). */
  listLinksPage(q: PageRequest): Promise<Page<Link>>;
  /** Every link by (from, to, kind), read a page at a time (constant memory). */
  iterateLinks(options?: IterationOptions): AsyncIterable<Link>;
}

/** The key of a generic item. */
export type ItemKey = {
  pk: string;
  sk: string;
};

/**
 * How a generic store derives an item's key. `name` separates stores from each other. An
 * optional Standard Schema `validator` (zod, valibot, arktype, …) checks every written item;
 * its issues are VALIDATION errors naming their paths, and its output value is what is stored.
 */
export interface KeySchema<T> {
  name: string;
  key(item: T): ItemKey;
  validator?: StandardSchemaV1<unknown, T>;
}

/** Options of `Store.query`. */
export interface QueryOptions {
  /** At most this many items (1..1000); all when absent. */
  limit?: number;
  /** Descending `sk` order. */
  reverse?: boolean;
}

/**
 * When an item expires: `ttlSeconds` from the store's clock (an integer, 1 to 100 years) or
 * `expiresAt`, an ISO-8601 UTC timestamp with milliseconds; not both. From that instant the
 * item is gone for every read and condition, by the store's clock. Without either, the item
 * never expires (a put without expiry clears an earlier one).
 */
export interface ExpiryOptions {
  ttlSeconds?: number;
  expiresAt?: string;
}

/** Options of `Store.put`. */
export interface PutOptions extends ExpiryOptions {
  /** Fail with ALREADY_EXISTS when an unexpired item has the key. */
  ifNotExists?: boolean;
}

/** One operation of `Store.transact`. */
export type TransactOp<T> =
  | ({ put: T; ifNotExists?: boolean } & ExpiryOptions)
  | { delete: ItemKey; ifExists?: boolean }
  | { check: ItemKey; exists: boolean };

/** Options of `Store.iterate`. */
export interface IterateOptions {
  /** Descending `sk` order. */
  reverse?: boolean;
  /** Items read per request (1..1000, default 100). */
  pageSize?: number;
}

/** Options of the entity iterators (`iterateDialogues`, `iterateDocuments`, `iterateLinks`). */
export interface IterationOptions {
  /** Items read per request (1..1000, default 100). */
  pageSize?: number;
}

/** A generic key-value store of JSON items under (pk, sk). Expired items are never seen. */
export interface Store<T extends object> {
  get(pk: string, sk: string): Promise<T | null>;
  /** With `ifNotExists` and the key taken: ConflictError ALREADY_EXISTS. See `ExpiryOptions`. */
  put(item: T, options?: PutOptions): Promise<void>;
  delete(pk: string, sk: string): Promise<boolean>;
  /** Items of `pk` whose `sk` begins with `skPrefix` (byte-wise), in `sk` byte order. */
  query(pk: string, skPrefix: string, options?: QueryOptions): Promise<T[]>;
  /** The same as `query`, one page at a time (limit default 100). */
  queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>>;
  /**
   * The items of any number of keys, in the order of `keys` (null where there is none; a key
   * given twice appears twice). Not atomic: the items are read in batches, not one snapshot.
   */
  getMany(keys: ReadonlyArray<ItemKey>): Promise<Array<T | null>>;
  /**
   * Writes any number of items (a key given twice: the last wins). Every item is validated
   * before the first write; then they are written in batches. Not atomic: when a batch fails,
   * earlier batches stay written. Use `transact` for all or nothing.
   */
  putMany(items: readonly T[], options?: ExpiryOptions): Promise<void>;
  /**
   * Deletes any number of keys and returns how many of them held an (unexpired) item. Every
   * key is validated first. Not atomic: when a batch fails, earlier batches stay deleted.
   */
  deleteMany(keys: ReadonlyArray<ItemKey>): Promise<number>;
  /**
   * All or nothing: up to 100 operations on distinct keys (more, or two on one key, is
   * VALIDATION). A condition that does not hold (`ifNotExists`, `ifExists`, `check`) is
   * ConflictError CONDITION_FAILED with `details.index`, the first failing operation, and
   * nothing is written.
   */
  transact(ops: ReadonlyArray<TransactOp<T>>): Promise<void>;
  /**
   * The items of `query(pk, skPrefix)`, read a page at a time (constant memory). Arguments are
   * checked, and failures reported, by the first `next()`.
   */
  iterate(pk: string, skPrefix: string, options?: IterateOptions): AsyncIterable<T>;
}

/** What a backend can and cannot do; the conformance kit skips (visibly) what it lacks. */
export interface Capabilities {
  /** Data survives close() and reopen. */
  persistent: boolean;
  /** "eventual": listDialogues may lag behind writes for a short time (DynamoDB GSI). */
  listConsistency: "strong" | "eventual";
  /** Writers in other processes may share the data (SQLite file, DynamoDB). */
  multiProcess: boolean;
}

/** One storage engine behind the whole contract. */
export interface StorageBackend {
  /** "memory" | "sqlite" | "dynamodb" | a custom name. */
  readonly name: string;
  readonly capabilities: Capabilities;
  readonly dialogues: DialogueStore;
  readonly documents: DocumentStore;
  readonly links: LinkStore;
  /** A generic store; stores of different `schema.name` never see each other's items. */
  store<T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T>;
  /**
   * Enumeration of every generic store's items with their raw keys (backup, migration; never
   * application traffic). Optional for custom backends; without it `enumerateStorage` is
   * NOT_SUPPORTED, and the conformance kit's enumeration cases fail.
   */
  readonly catalog?: GenericStoreCatalog;
  /** Idempotent; any call after close fails with code CLOSED. */
  close(): Promise<void>;
}

/** Options every backend factory accepts. */
export interface BackendOptions {
  /** The store's clock; defaults to `() => new Date()`. */
  clock?: () => Date;
}
