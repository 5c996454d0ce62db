import { ConfigError, ConflictError, InternalError, UnavailableError, isStoreError, type StoreError } from "@blue/store-core";

/** The `code` better-sqlite3 puts on its errors (classified by code, never by `instanceof`). */
function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : undefined;
}

/**
 * Turns any failure into a StoreError. StoreErrors pass through; SQLite errors are classified
 * by their extended result code; anything else is INTERNAL. The driver error stays as `cause`.
 * `file` is the database path, named in every error about the file itself.
 */
export function toStoreError(e: unknown, operation: string, file: string): StoreError {
  if (isStoreError(e)) return e;
  const code = sqliteCode(e);
  const reason = e instanceof Error ? e.message : String(e);
  const details = { operation, file, sqliteCode: code };
  if (code === undefined) return new InternalError(`${operation} failed: ${reason}`, { cause: e, details });
  if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") {
    return new ConflictError("ALREADY_EXISTS", `${operation}: the key is already taken (${reason})`, { cause: e, details });
  }
  if (code.startsWith("SQLITE_CONSTRAINT")) {
    return new ConflictError("CONDITION_FAILED", `${operation}: a constraint did not hold (${reason})`, { cause: e, details });
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new UnavailableError(`${operation}: the database ${file} is busy (locked by another connection); retry later`, {
      cause: e,
      details,
    });
  }
  if (code.startsWith("SQLITE_IOERR") || code === "SQLITE_FULL" || code === "SQLITE_NOMEM" || code === "SQLITE_INTERRUPT") {
    return new UnavailableError(`${operation}: the database ${file} could not be read or written (${reason})`, { cause: e, details });
  }
  if (code === "SQLITE_NOTADB") return new ConfigError(`${file} is not a SQLite database (${reason})`, { cause: e, details });
  if (code.startsWith("SQLITE_CORRUPT")) return new ConfigError(`the database ${file} is corrupt (${reason})`, { cause: e, details });
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_PERM") || code === "SQLITE_AUTH") {
    return new ConfigError(`the database ${file} cannot be written (${reason})`, { cause: e, details });
  }
  if (code.startsWith("SQLITE_CANTOPEN"))
    return new ConfigError(`the database ${file} cannot be opened (${reason})`, { cause: e, details });
  return new InternalError(`${operation} failed on ${file}: ${reason}`, { cause: e, details });
}
