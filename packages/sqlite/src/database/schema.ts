/**
 * The versioned schema. Each migration brings the file from version i to i + 1 and runs,
 * with every later one, in the one IMMEDIATE transaction that opens the file. The layout is
 * DynamoDB-portable (ADR 0018): every dialogue entity is keyed by its dialogue id first, so
 * each contract method is one index range read or one transaction (docs/access-patterns.md).
 */

/** `PRAGMA application_id` of a Blue Store database: "Blue" in ASCII. */
export const APPLICATION_ID = 0x426c7565;

const V1 = `
CREATE TABLE dialogues (
  dialogue_id TEXT NOT NULL PRIMARY KEY,
  title TEXT NOT NULL,
  question TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  metadata TEXT,
  perspective_count INTEGER NOT NULL,
  tension_count INTEGER NOT NULL,
  unresolved_count INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX dialogues_by_recency ON dialogues (updated_at DESC, dialogue_id);
CREATE INDEX dialogues_by_status ON dialogues (status, updated_at DESC, dialogue_id);

CREATE TABLE perspectives (
  dialogue_id TEXT NOT NULL,
  perspective_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (dialogue_id, perspective_id)
) WITHOUT ROWID;

CREATE TABLE tensions (
  dialogue_id TEXT NOT NULL,
  tension_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  status TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (dialogue_id, tension_id)
) WITHOUT ROWID;

CREATE TABLE tension_events (
  dialogue_id TEXT NOT NULL,
  tension_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (dialogue_id, tension_id, seq)
) WITHOUT ROWID;

CREATE TABLE links (
  from_ref TEXT NOT NULL,
  to_ref TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  metadata TEXT,
  PRIMARY KEY (from_ref, to_ref, kind)
) WITHOUT ROWID;
CREATE INDEX links_by_to ON links (to_ref, kind, from_ref);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item TEXT NOT NULL
);
CREATE VIRTUAL TABLE documents_fts USING fts5 (tokens, tokenize = 'ascii');

CREATE TABLE items (
  store TEXT NOT NULL,
  pk TEXT NOT NULL,
  sk TEXT NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (store, pk, sk)
) WITHOUT ROWID;
`;

/**
 * Expiry of generic items: ms since the epoch, NULL for none. The partial index serves the
 * bounded sweep of expired rows on the write path; reads filter by the store's clock.
 */
const V2 = `
ALTER TABLE items ADD COLUMN expires_at INTEGER;
CREATE INDEX items_by_expiry ON items (expires_at) WHERE expires_at IS NOT NULL;
`;

/** MIGRATIONS[i] takes the schema from version i to i + 1. */
export const MIGRATIONS: readonly string[] = [V1, V2];

/** The schema version this package writes and the newest it reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;
