import { join } from "node:path";
import Database from "better-sqlite3";
import { APPLICATION_ID, SCHEMA_VERSION, openSqliteStorage } from "../src";
import { migrate } from "../src/database/open";
import { MIGRATIONS } from "../src/database/schema";
import { tempDir } from "./support/files";

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const version = (db: Database.Database) => db.pragma("user_version", { simple: true });
const tables = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

describe("versioned migrations (PRAGMA user_version)", () => {
  test("a file at the current version is opened without changes; a later version adds its migration", async () => {
    const file = join(dir, "v.db");
    await (await openSqliteStorage({ path: file })).close();
    const db = new Database(file);
    expect(version(db)).toBe(SCHEMA_VERSION);
    const before = tables(db);
    migrate(db, file); // nothing to do
    expect(tables(db)).toEqual(before);
    migrate(db, file, [...MIGRATIONS, "CREATE TABLE added_later (x INTEGER)"]);
    expect(version(db)).toBe(SCHEMA_VERSION + 1);
    expect(tables(db)).toContain("added_later");
    expect(db.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });

  test("a failing migration changes nothing: all migrations and the version, or none", () => {
    const file = join(dir, "fails.db");
    const db = new Database(file);
    const broken = [...MIGRATIONS, "CREATE TABLE half_done (x INTEGER); THIS IS NOT SQL"];
    expect(() => migrate(db, file, broken)).toThrow();
    expect(version(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    expect(db.pragma("application_id", { simple: true })).toBe(0);
    migrate(db, file);
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(() => migrate(db, file, broken)).toThrow();
    expect(version(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).not.toContain("half_done");
    db.close();
  });
});
