/**
 * The portable limits. Every backend enforces exactly these, so an application meets them
 * on a laptop (memory, SQLite) and not first in production (DynamoDB).
 */
export const LIMITS = Object.freeze({
  /** Dialogue, perspective and tension ids, and link kinds: at most this many characters. */
  idMaxLength: 128,
  /** Generic store partition key, UTF-8 bytes (DynamoDB's partition key limit). */
  pkMaxBytes: 2048,
  /** Generic store sort key, UTF-8 bytes (DynamoDB's sort key limit). */
  skMaxBytes: 1024,
  /**
   * A generic item, dialogue, perspective, tension, event, link, or a document without its body
   * (and id), as JSON. Every write that grows a stored item checks it, and it leaves room for
   * growth no caller sizes: a tension is measured as if its status were the longest one
   * (`assertTensionSize`), so a status change never pushes it over and every export imports.
   */
  itemMaxBytes: 350 * 1024,
  /** A document body, UTF-8 bytes. */
  documentBodyMaxBytes: 10 * 1024 * 1024,
  /** A canonical entity address, UTF-8 bytes. */
  entityRefMaxBytes: 1024,
  /** Generic store schema names: at most this many characters. */
  storeNameMaxLength: 64,
  /** Nesting depth of JSON values (DynamoDB's document nesting limit). */
  jsonMaxDepth: 32,
  /** Page sizes of every paged listing. */
  pageMaxLimit: 1000,
  pageDefaultLimit: 100,
  /** Search result counts. */
  searchDefaultLimit: 10,
  searchMaxLimit: 1000,
  /** A search query, UTF-8 bytes. */
  searchQueryMaxBytes: 4096,
  /** Distinct tokens of a search query: each may cost a posting list read (query cost amplification). */
  searchQueryMaxTokens: 32,
  /**
   * Distinct tokens of a document's indexed text (title and body): each is one posting write
   * on DynamoDB, at add, update and delete. A document over it is VALIDATION, never stored
   * partly unindexed.
   */
  documentMaxTokens: 8192,
  /** Rounds are integers from 0 to this. */
  roundMax: 1_000_000,
  /** Document ids are integers from 1 to this (Number.MAX_SAFE_INTEGER, 2^53 − 1). */
  documentIdMax: Number.MAX_SAFE_INTEGER,
  /** Operations of one generic `transact` call (DynamoDB's TransactWriteItems limit). */
  transactMaxOps: 100,
  /** Items of one `transact` call, as JSON plus their keys, UTF-8 bytes (under DynamoDB's 4 MB). */
  transactMaxBytes: 4_000_000,
  /** The longest `ttlSeconds`: 100 years. */
  ttlMaxSeconds: 100 * 365 * 24 * 3600,
});
