import { join } from "node:path";
import { isStoreError } from "@blue/store-core";
import { openSqliteStorage } from "../src";
import { toStoreError } from "../src/database/errors";
import { finished, startFixture, waitForLine } from "./support/child";
import { tempDir } from "./support/files";

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A driver-like error carrying a SQLite result code, as better-sqlite3 throws them. */
function sqliteError(code: string, message = "driver message"): Error {
  return Object.assign(new Error(message), { code, name: "SqliteError" });
}

describe("driver errors become typed StoreErrors, classified by code", () => {
  const file = "/data/blue.db";
  test.each([
    ["SQLITE_CONSTRAINT_PRIMARYKEY", "ALREADY_EXISTS", false],
    ["SQLITE_CONSTRAINT_UNIQUE", "ALREADY_EXISTS", false],
    ["SQLITE_CONSTRAINT_CHECK", "CONDITION_FAILED", false],
    ["SQLITE_BUSY", "UNAVAILABLE", true],
    ["SQLITE_BUSY_SNAPSHOT", "UNAVAILABLE", true],
    ["SQLITE_LOCKED", "UNAVAILABLE", true],
    ["SQLITE_IOERR_FSYNC", "UNAVAILABLE", true],
    ["SQLITE_FULL", "UNAVAILABLE", true],
    ["SQLITE_NOTADB", "CONFIG", false],
    ["SQLITE_CORRUPT", "CONFIG", false],
    ["SQLITE_CORRUPT_INDEX", "CONFIG", false],
    ["SQLITE_READONLY", "CONFIG", false],
    ["SQLITE_READONLY_DBMOVED", "CONFIG", false],
    ["SQLITE_CANTOPEN", "CONFIG", false],
    ["SQLITE_ERROR", "INTERNAL", false],
  ])("%s -> %s", (code, expected, retryable) => {
    const cause = sqliteError(code);
    const e = toStoreError(cause, "put", file);
    expect(isStoreError(e, expected as never)).toBe(true);
    expect(e.retryable).toBe(retryable);
    expect(e.cause).toBe(cause);
    if (expected === "CONFIG" || expected === "UNAVAILABLE") expect(e.message).toContain(file);
  });

  test("errors without a SQLite code are INTERNAL; StoreErrors pass through", () => {
    const e = toStoreError(new TypeError("boom"), "get", file);
    expect(e.code).toBe("INTERNAL");
    expect(toStoreError(e, "other", file)).toBe(e);
  });
});

describe("a database locked by another process", () => {
  async function locked(file: string, ms: number) {
    const b = await openSqliteStorage({ path: file });
    await b.dialogues.createDialogue({ id: "d1", title: "t" });
    await b.close();
    const holder = startFixture("hold-lock.cjs", [file, String(ms)]);
    const done = finished(holder);
    await waitForLine(holder, "locked");
    return { done }; // wrapped: returning the promise itself would wait for the holder to finish
  }

  test("a writer waits for the lock (busy timeout) and then succeeds", async () => {
    const file = join(dir, "wait.db");
    const { done } = await locked(file, 400);
    const b = await openSqliteStorage({ path: file });
    await b.dialogues.registerPerspective({ dialogueId: "d1", id: "p1", round: 0, expert: "e", label: "l", content: "c" });
    expect((await b.dialogues.listDialogues())[0]?.perspectiveCount).toBe(1);
    await b.close();
    expect((await done).code).toBe(0);
  });

  test("past the busy timeout a write fails UNAVAILABLE (retryable) and changes nothing", async () => {
    const file = join(dir, "busy.db");
    const { done } = await locked(file, 3000);
    const b = await openSqliteStorage({ path: file, busyTimeoutMs: 50 });
    const error = await b.dialogues
      .registerPerspective({ dialogueId: "d1", id: "p1", round: 0, expert: "e", label: "l", content: "c" })
      .catch((e: unknown) => e);
    expect(isStoreError(error, "UNAVAILABLE")).toBe(true);
    expect((error as { retryable: boolean }).retryable).toBe(true);
    expect((error as Error).message).toContain(file);
    expect((error as { cause: { code: string } }).cause.code).toMatch(/^SQLITE_BUSY/);
    expect((await done).code).toBe(0);
    expect((await b.dialogues.listDialogues())[0]?.perspectiveCount).toBe(0);
    await b.close();
  });
});

describe("issue 15 item 5: document ids near Number.MAX_SAFE_INTEGER", () => {
  test("addDocument after an import of id 2^53 − 1 is VALIDATION (not ALREADY_EXISTS), and the last document stays", async () => {
    const storage = await openSqliteStorage({ path: join(dir, "ids.db") });
    try {
      const last = {
        id: Number.MAX_SAFE_INTEGER,
        title: "last",
        body: "kept",
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
      };
      await storage.documents.importDocument(last);
      for (let i = 0; i < 2; i++) {
        const err = await storage.documents.addDocument({ title: "over", body: "over" }).catch((e) => e);
        expect({ code: err.code, field: err.details?.field }).toEqual({ code: "VALIDATION", field: "id" });
      }
      expect(await storage.documents.getDocument(Number.MAX_SAFE_INTEGER)).toEqual(last);
      expect((await storage.documents.listDocumentsPage({})).items).toHaveLength(1);
      expect(await storage.documents.search("over")).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
