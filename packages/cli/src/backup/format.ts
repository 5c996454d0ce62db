import { createHash, type Hash } from "node:crypto";
import { compareUtf8, type RecordCounts, type StorageRecord } from "@blue/store-core/engine";
import { safeJson } from "../runtime/sanitize";

/**
 * The backup file: line-delimited JSON (one JSON value per line, UTF-8).
 *
 * (shown here in reading order; on disk every object's keys are in UTF-8 order)
 *   {"kind":"header","format":"blue.store-backup","version":1,"createdAt":"…","source":"sqlite"}
 *   {"kind":"document","document":{…}}            documents by id
 *   {"kind":"dialogue","dialogue":{…},"perspectives":[…],"tensions":[…]}   dialogues in listing order
 *   {"kind":"link","link":{…}}                    links by (from, to, kind)
 *   {"kind":"item","store":"…","pk":"…","sk":"…","item":{…}}   generic items by (store, pk, sk)
 *   {"kind":"trailer","records":n,"counts":{"document":…,"dialogue":…,"link":…,"item":…},"sha256":"…"}
 *
 * `sha256` is the hex SHA-256 of every record line's bytes including its "\n" (header and
 * trailer excluded). Records hold nothing time-dependent, so two backups of equal stores
 * differ only in the header's `createdAt`.
 */
export const BACKUP_FORMAT = "blue.store-backup";
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  kind: "header";
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** The backend the backup was taken from: "sqlite", "dynamodb", "memory" or a custom name. */
  source: string;
}

export interface BackupTrailer {
  kind: "trailer";
  records: number;
  counts: RecordCounts;
  sha256: string;
}

/** A copy of a JSON value with every object's keys in UTF-8 order (engines such as DynamoDB do not keep key order). */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort(compareUtf8)) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = canonical(v);
  }
  return out;
}

/**
 * One line of the file: canonical JSON (keys in UTF-8 order, so equal stores give equal
 * bytes on every engine) with C0, DEL and C1 escaped (a backup piped to a terminal cannot drive it).
 */
export function line(value: BackupHeader | BackupTrailer | StorageRecord): string {
  return `${safeJson(canonical(value))}\n`;
}

/** The running checksum and counts of the records. */
export class RecordDigest {
  private readonly hash: Hash = createHash("sha256");
  readonly counts: RecordCounts = { document: 0, dialogue: 0, link: 0, item: 0 };
  records = 0;

  add(kind: StorageRecord["kind"], text: string): void {
    this.hash.update(text, "utf8");
    this.counts[kind]++;
    this.records++;
  }

  trailer(): BackupTrailer {
    return { kind: "trailer", records: this.records, counts: { ...this.counts }, sha256: this.hash.digest("hex") };
  }
}
