import type { StorageBackend } from "@blue/store-core";
import { enumerateStorage } from "@blue/store-core/engine";
import type { OutputSink } from "../output/sink";
import { yieldToEventLoop } from "../migrate/pool";
import type { ProgressSink } from "../migrate/progress";
import { BACKUP_FORMAT, BACKUP_VERSION, RecordDigest, line, type BackupTrailer } from "./format";

/**
 * Streams everything `backend` holds into `sink` as a backup file: header, records in
 * enumeration order, trailer. Memory stays bounded by one page of the listing being read.
 */
export async function writeBackup(
  backend: StorageBackend,
  sink: OutputSink,
  options: { now?: () => Date; progress?: ProgressSink } = {},
): Promise<BackupTrailer> {
  const createdAt = (options.now ?? (() => new Date()))().toISOString();
  await sink.write(line({ kind: "header", format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, source: backend.name }));
  const digest = new RecordDigest();
  let phase = "";
  for await (const record of enumerateStorage(backend)) {
    if (record.kind !== phase) {
      if (phase !== "") options.progress?.stop();
      phase = record.kind;
      options.progress?.start(`backup ${phase}s`, 0);
    }
    const text = line(record);
    digest.add(record.kind, text);
    await sink.write(text);
    options.progress?.advance(1);
    if (digest.records % 64 === 0) await yieldToEventLoop();
  }
  if (phase !== "") options.progress?.stop();
  const trailer = digest.trailer();
  await sink.write(line(trailer));
  return trailer;
}
