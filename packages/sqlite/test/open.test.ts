import { chmodSync, copyFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { isStoreError, openStore } from "@blue/store-core";
import { APPLICATION_ID, SCHEMA_VERSION, SqliteDialogueStore, SqliteDocumentStore, openSqliteStorage } from "../src";
import { sha256, tempDir } from "./support/files";

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/** A Blue Store database with some data in it. */
async function blueDatabase(name: string): Promise<string> {
  const file = join(dir, name);
  const b = await openSqliteStorage({ path: file });
  await b.dialogues.createDialogue({ id: "d1", title: "kept" });
  for (let i = 0; i < 200; i++) await b.documents.addDocument({ title: `doc ${i}`, body: "some words ".repeat(50) });
  await b.close();
  return file;
}

/** Opening `file` fails with a ConfigError naming it, and leaves its bytes unchanged. */
async function expectRefused(file: string, pattern: RegExp): Promise<void> {
  const before = existsSync(file) ? sha256(file) : null;
  const error = await openSqliteStorage({ path: file }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(isStoreError(error, "CONFIG")).toBe(true);
  expect((error as Error).message).toContain(file);
  expect((error as Error).message).toMatch(pattern);
  expect(existsSync(file) ? sha256(file) : null).toBe(before);
}

describe("opening a database", () => {
  test("creates a Blue Store file in WAL mode at the current schema version; data survives reopening", async () => {
    const file = join(dir, "new.db");
    const b = await openSqliteStorage({ path: file });
    expect(b.name).toBe("sqlite");
    expect(b.file).toBe(file);
    expect(b.capabilities).toEqual({ persistent: true, listConsistency: "strong", multiProcess: true });
    await b.dialogues.createDialogue({ id: "d1", title: "persisted" });
    await b.close();
    await b.close(); // idempotent
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    raw.close();
    const again = await openSqliteStorage({ path: file });
    expect((await again.dialogues.getDialogue("d1"))?.title).toBe("persisted");
    await again.close();
  });

  test("an empty file becomes a Blue Store database", async () => {
    const file = join(dir, "empty.db");
    writeFileSync(file, "");
    const b = await openSqliteStorage({ path: file });
    expect(await b.dialogues.listDialogues()).toEqual([]);
    await b.close();
  });

  test(":memory: is private, not persistent, not multi-process", async () => {
    const a = await openSqliteStorage({ path: ":memory:" });
    const b = await openSqliteStorage({ path: ":memory:" });
    expect(a.capabilities).toEqual({ persistent: false, listConsistency: "strong", multiProcess: false });
    await a.dialogues.createDialogue({ id: "only-a", title: "x" });
    expect(await b.dialogues.getDialogue("only-a")).toBeNull();
    await Promise.all([a.close(), b.close()]);
  });

  test("one store alone: openStore's close() releases exactly the connection it opened", async () => {
    const file = join(dir, "per-store.db");
    const dialogues = await openStore(openSqliteStorage({ path: file }), "dialogues");
    expect(dialogues).toBeInstanceOf(SqliteDialogueStore);
    await dialogues.createDialogue({ id: "d1", title: "t" });
    const documents = await openStore(openSqliteStorage({ path: file }), "documents");
    expect(documents).toBeInstanceOf(SqliteDocumentStore);
    const id = await documents.addDocument({ title: "hello", body: "world" });
    // A backend's own stores cannot close the connection their siblings share.
    expect("close" in documents.backend.dialogues).toBe(false);
    await dialogues.close();
    await expect(dialogues.getDialogue("d1")).rejects.toMatchObject({ code: "CLOSED" });
    // The other store's connection is its own and still open: the WAL file is still there.
    expect((await documents.search("world")).map((d) => d.id)).toEqual([id]);
    expect(existsSync(`${file}-wal`)).toBe(true);
    await documents.close();
    await documents.close();
    // The last connection closed (SQLite checkpoints and removes the WAL file then).
    expect(existsSync(`${file}-wal`)).toBe(false);
    const memory = await openStore(openSqliteStorage({ path: ":memory:" }), "dialogues");
    expect(await memory.listDialogues()).toEqual([]);
    await memory.close();
    const reopened = await openSqliteStorage({ path: file });
    expect((await reopened.dialogues.getDialogue("d1"))?.title).toBe("t");
    await reopened.close();
  });

  test("after close every call rejects with CLOSED, before validation", async () => {
    const b = await openSqliteStorage({ path: ":memory:" });
    const opened = b.store({ name: "s", key: () => ({ pk: "a", sk: "b" }) });
    await b.close();
    await expect(b.dialogues.getDialogue("not a valid id!")).rejects.toMatchObject({ code: "CLOSED" });
    await expect(b.documents.search("x", -1)).rejects.toMatchObject({ code: "CLOSED" });
    await expect(opened.get("", "")).rejects.toMatchObject({ code: "CLOSED" });
    // store() is synchronous: after close it throws CLOSED, before it checks the schema.
    expect(() => b.store({ name: "bad name", key: () => ({ pk: "a", sk: "b" }) })).toThrow(expect.objectContaining({ code: "CLOSED" }));
  });

  test("bad options are ConfigErrors", async () => {
    await expect(openSqliteStorage({ path: "" })).rejects.toMatchObject({ code: "CONFIG" });
    await expect(openSqliteStorage({ path: ":memory:", busyTimeoutMs: -1 })).rejects.toMatchObject({ code: "CONFIG" });
    await expect(openSqliteStorage({ path: ":memory:", synchronous: "off" as never })).rejects.toMatchObject({ code: "CONFIG" });
    await expect(openSqliteStorage(undefined as never)).rejects.toMatchObject({ code: "CONFIG" });
  });
});

describe("hostile files are refused with a ConfigError naming them, and left untouched", () => {
  test("a path in a missing folder (the folder is not created)", async () => {
    const file = join(dir, "no-such-folder", "blue.db");
    await expectRefused(file, /folder .* does not exist/);
    expect(existsSync(join(dir, "no-such-folder"))).toBe(false);
  });

  test("a text file", async () => {
    const file = join(dir, "notes.txt");
    writeFileSync(file, "These are my notes, not a database.\n".repeat(40));
    await expectRefused(file, /not a SQLite database/);
  });

  test("a file shorter than a SQLite header", async () => {
    const file = join(dir, "short.db");
    writeFileSync(file, "SQLite format 3\u0000abc");
    await expectRefused(file, /not a SQLite database/);
  });

  test("a truncated Blue Store database", async () => {
    const file = await blueDatabase("truncated.db");
    const size = readFileSync(file).length;
    truncateSync(file, Math.floor(size / 2));
    await expectRefused(file, /truncated or corrupt/);
  });

  test("a database whose pages are overwritten with garbage", async () => {
    const file = await blueDatabase("garbage.db");
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 100, 4096); // the schema page after its header
    writeFileSync(file, bytes);
    await expectRefused(file, /corrupt|not a SQLite database/);
  });

  test("another application's database", async () => {
    const file = join(dir, "other-app.db");
    const other = new Database(file);
    other.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada');");
    other.pragma("journal_mode = WAL");
    other.close();
    await expectRefused(file, /not a Blue Store database.*users/);
  });

  test("a database with another application_id and no tables", async () => {
    const file = join(dir, "other-id.db");
    const other = new Database(file);
    other.pragma("application_id = 1234");
    other.close();
    await expectRefused(file, /not a Blue Store database.*application_id is 1234/);
  });

  test("a Blue Store database of a newer schema version", async () => {
    const file = await blueDatabase("newer.db");
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    await expectRefused(file, new RegExp(`newer @blue/store-sqlite \\(schema version ${SCHEMA_VERSION + 1}`));
  });

  test("a read-only file", async () => {
    const file = await blueDatabase("read-only.db");
    chmodSync(file, 0o444);
    await expectRefused(file, /read-only/);
    chmodSync(file, 0o644);
  });

  test("a folder where the file should be", async () => {
    await expect(openSqliteStorage({ path: dir })).rejects.toMatchObject({ code: "CONFIG", message: expect.stringMatching(/not a file/) });
  });

  test("a refused copy does not disturb the original", async () => {
    const file = await blueDatabase("original.db");
    const copy = join(dir, "copy.db");
    copyFileSync(file, copy);
    truncateSync(copy, 1000);
    await expectRefused(copy, /truncated/);
    const b = await openSqliteStorage({ path: file });
    expect((await b.dialogues.getDialogue("d1"))?.title).toBe("kept");
    await b.close();
  });
});

describe("a Blue Store file whose schema was damaged by hand", () => {
  test("is a ConfigError naming the file (no SqliteError), and the file is left as it was", async () => {
    const file = await blueDatabase("damaged.db");
    const raw = new Database(file);
    raw.exec("DROP TABLE tension_events");
    raw.close();
    const before = sha256(file);
    const error = await openSqliteStorage({ path: file }).catch((e: unknown) => e);
    expect(isStoreError(error, "CONFIG")).toBe(true);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain("tension_events");
    await expect(openStore(openSqliteStorage({ path: file }), "dialogues")).rejects.toMatchObject({ code: "CONFIG" });
    expect(sha256(file)).toBe(before);
  });
});
