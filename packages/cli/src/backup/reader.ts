import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { isStoreError } from "@blue/store-core";
import {
  RECORD_KINDS,
  compareItemKeys,
  compareLinksForExport,
  compareSummaries,
  validateStorageRecord,
  type StorageRecord,
} from "@blue/store-core/engine";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";
import { yieldToEventLoop } from "../migrate/pool";
import { BACKUP_FORMAT, BACKUP_VERSION, RecordDigest, type BackupHeader, type BackupTrailer } from "./format";

/** What a validated backup file holds. */
export interface BackupSummary {
  header: BackupHeader;
  trailer: BackupTrailer;
}

const HINT = "the file must be a whole, unmodified `blue-store backup` file; take a new backup";

/** Every line of a file, one at a time (no line is held after it is handed out). */
async function* lines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const text of reader) yield text;
  } finally {
    reader.close();
    input.destroy();
  }
}

function invalid(file: string, lineNo: number | undefined, problem: string, cause?: unknown): CliError {
  const where = lineNo === undefined ? "" : ` (line ${lineNo})`;
  return new CliError(
    `${file} is not a valid backup${where}: ${problem}; nothing was written`,
    EXIT.INVALID_INPUT,
    HINT,
    cause === undefined ? undefined : { cause },
  );
}

function parse(text: string, file: string, lineNo: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw invalid(file, lineNo, `not JSON (${e instanceof Error ? e.message : String(e)})`, e);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(file, lineNo, "not a JSON object");
  return value as Record<string, unknown>;
}

/** Whether `b` may follow `a` in a backup: kinds in stream order, each kind in its own strict order. */
function follows(a: StorageRecord, b: StorageRecord): boolean {
  const ka = RECORD_KINDS.indexOf(a.kind);
  const kb = RECORD_KINDS.indexOf(b.kind);
  if (ka !== kb) return ka < kb;
  if (a.kind === "document" && b.kind === "document") return a.document.id < b.document.id;
  if (a.kind === "dialogue" && b.kind === "dialogue") return compareSummaries(a.dialogue, b.dialogue) < 0;
  if (a.kind === "link" && b.kind === "link") return compareLinksForExport(a.link, b.link) < 0;
  if (a.kind === "item" && b.kind === "item") return compareItemKeys(a, b) < 0;
  return false;
}

/**
 * Reads a backup file's records in order after checking nothing: for `validateBackup` and,
 * once the file is known good, for restore and verification.
 */
export async function* readRecords(path: string): AsyncGenerator<StorageRecord> {
  let first = true;
  for await (const text of lines(path)) {
    if (first) {
      first = false;
      continue;
    }
    const value = JSON.parse(text) as StorageRecord | BackupTrailer;
    if (value.kind === "trailer") return;
    yield value;
  }
}

/**
 * Checks a whole backup file before anything is written: the header's format and version,
 * every record (as restore would write it) and their order, no duplicate, the trailer's
 * counts and SHA-256, and nothing after the trailer. A truncated, reordered or edited file is
 * INVALID_INPUT (exit 4) naming the line. `onRecord` hears about each good record (progress).
 */
export async function validateBackup(path: string, file: string, onRecord: () => void = () => {}): Promise<BackupSummary> {
  const digest = new RecordDigest();
  let header: BackupHeader | undefined;
  let trailer: BackupTrailer | undefined;
  let previous: StorageRecord | undefined;
  let lineNo = 0;
  for await (const text of lines(path)) {
    lineNo++;
    if (trailer !== undefined) throw invalid(file, lineNo, "there is data after the trailer");
    const value = parse(text, file, lineNo);
    if (header === undefined) {
      if (value.kind !== "header" || value.format !== BACKUP_FORMAT)
        throw invalid(file, lineNo, `the first line is not a ${BACKUP_FORMAT} header`);
      if (value.version !== BACKUP_VERSION)
        throw invalid(file, lineNo, `format version ${JSON.stringify(value.version)}; this blue-store reads version ${BACKUP_VERSION}`);
      if (typeof value.createdAt !== "string" || typeof value.source !== "string")
        throw invalid(file, lineNo, "the header lacks createdAt or source");
      header = value as unknown as BackupHeader;
      continue;
    }
    if (value.kind === "trailer") {
      trailer = value as unknown as BackupTrailer;
      continue;
    }
    let record: StorageRecord;
    try {
      record = validateStorageRecord(value);
    } catch (e) {
      if (!isStoreError(e)) throw e;
      throw invalid(file, lineNo, e.message, e);
    }
    if (previous !== undefined && !follows(previous, record))
      throw invalid(file, lineNo, `a ${record.kind} record out of order or repeated`);
    previous = record;
    digest.add(record.kind, `${text}\n`);
    onRecord();
    if (digest.records % 256 === 0) await yieldToEventLoop();
  }
  if (header === undefined) throw invalid(file, undefined, "the file is empty");
  if (trailer === undefined) throw invalid(file, undefined, `it ends after ${lineNo} lines without its trailer (truncated?)`);
  const computed = digest.trailer();
  const countsDiffer = RECORD_KINDS.some((k) => trailer!.counts?.[k] !== computed.counts[k]);
  if (trailer.records !== computed.records || countsDiffer) {
    throw invalid(file, lineNo, `the trailer counts ${JSON.stringify(trailer.counts)}, the file holds ${JSON.stringify(computed.counts)}`);
  }
  if (trailer.sha256 !== computed.sha256)
    throw invalid(file, lineNo, "the SHA-256 of the records does not match the trailer's (the file was changed)");
  return { header, trailer };
}
