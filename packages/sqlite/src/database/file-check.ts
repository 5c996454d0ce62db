import { accessSync, closeSync, constants, openSync, readSync, statSync, type Stats } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "@blue/store-core";

/** What the file at a database path is, before SQLite touches it. */
export type FileState = "absent" | "empty" | "database";

const MAGIC = "SQLite format 3\u0000";

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return null;
    throw new ConfigError(`the database ${path} cannot be read: ${(e as Error).message}`, { cause: e, details: { file: path } });
  }
}

function isWritable(path: string, st: Stats): boolean {
  // Root may write anywhere; a file with no write bit at all is still read-only by intent.
  if ((st.mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const header = Buffer.alloc(100);
    const n = readSync(fd, header, 0, 100, 0);
    return header.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks a database path without modifying anything: the folder must exist, an existing file
 * must be writable and look like a whole SQLite database (magic header, not shorter than the
 * page count its header records unless a write-ahead log may complete it). Failures are
 * ConfigErrors naming the file.
 */
export function checkDatabaseFile(path: string): FileState {
  const st = statOrNull(path);
  if (st === null) {
    const folder = dirname(path);
    const dir = statOrNull(folder);
    if (dir === null || !dir.isDirectory()) {
      throw new ConfigError(`cannot create the database ${path}: the folder ${folder} does not exist`, { details: { file: path, folder } });
    }
    if (!isWritable(folder, dir)) {
      throw new ConfigError(`cannot create the database ${path}: the folder ${folder} is not writable`, {
        details: { file: path, folder },
      });
    }
    return "absent";
  }
  if (!st.isFile()) throw new ConfigError(`the database path ${path} is not a file`, { details: { file: path } });
  if (!isWritable(path, st)) throw new ConfigError(`the database file ${path} is read-only`, { details: { file: path } });
  if (st.size === 0) return "empty";
  const header = readHeader(path);
  if (header.length < 100 || header.toString("latin1", 0, 16) !== MAGIC) {
    throw new ConfigError(`${path} is not a SQLite database (no SQLite header)`, { details: { file: path } });
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  const headerCountValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  const wal = statOrNull(`${path}-wal`);
  const walMayComplete = wal !== null && wal.size > 0;
  if (headerCountValid && !walMayComplete && st.size < pageSize * pageCount) {
    throw new ConfigError(
      `the database ${path} is truncated or corrupt: ${st.size} bytes, its header records ${pageCount} pages of ${pageSize} bytes`,
      { details: { file: path } },
    );
  }
  return "database";
}

/**
 * `checkDatabaseFile` for opening an existing database only: an absent or empty file (or a
 * missing folder) is a ConfigError with `details.missing: true`, and nothing is created.
 */
export function existingDatabaseFile(path: string): FileState {
  const st = statOrNull(path);
  if (st === null || (st.isFile() && st.size === 0)) {
    throw new ConfigError(`there is no Blue Store database at ${path}`, { details: { file: path, missing: true } });
  }
  return checkDatabaseFile(path);
}
