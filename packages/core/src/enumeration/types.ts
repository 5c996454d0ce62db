import type { JsonObject } from "../types/json";
import type { Dialogue, Document, ExportedTension, Link, Perspective } from "../types/entities";

/** One item of a generic store with its raw key, as enumeration yields it and restore takes it. */
export type GenericItemRecord = {
  /** The store's schema name. */
  store: string;
  /** The raw partition key (what `schema.key(item).pk` returned). */
  pk: string;
  /** The raw sort key. */
  sk: string;
  /** The item's JSON, as `get` returns it. */
  item: JsonObject;
  /** Present when the item has an expiry (a timestamp `YYYY-MM-DDTHH:MM:SS.mmmZ`). */
  expiresAt?: string;
};

/**
 * The enumeration hook of a backend's generic stores (backup and migration only; no method
 * of application traffic uses it). Names and items come in UTF-8 byte order.
 */
export interface GenericStoreCatalog {
  /** Every schema name that holds at least one item, in UTF-8 order. */
  storeNames(): Promise<string[]>;
  /** Every item of one store with its raw key, by (pk, sk) in UTF-8 order, read a page at a time. */
  items(store: string): AsyncIterable<GenericItemRecord>;
}

/** A dialogue as enumeration yields it: its export without `exportedAt` and `links` (links are records of their own). */
export type DialogueRecordBody = {
  dialogue: Dialogue;
  perspectives: Perspective[];
  tensions: ExportedTension[];
};

/**
 * One record of a backend's contents. `enumerateStorage` yields documents (by id), then
 * dialogues (in listing order), then links (by from, to, kind), then generic items (by
 * store, pk, sk): every stored thing exactly once, nothing time-dependent.
 */
export type StorageRecord =
  | { kind: "document"; document: Document }
  | ({ kind: "dialogue" } & DialogueRecordBody)
  | { kind: "link"; link: Link }
  | ({ kind: "item" } & GenericItemRecord);

/** The kinds of records, in stream order. */
export const RECORD_KINDS = ["document", "dialogue", "link", "item"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Per kind: how many records. */
export type RecordCounts = Record<RecordKind, number>;

/** A fresh all-zero count. */
export function zeroCounts(): RecordCounts {
  return { document: 0, dialogue: 0, link: 0, item: 0 };
}
