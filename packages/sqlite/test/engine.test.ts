import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { engine, sqliteEngine, sqlitePathProblem } from "../src";
import { tempDir } from "./support/files";

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const context = { create: true, projectRoot: dir, configFile: null };

describe("the SQLite engine descriptor", () => {
  test("is exported as `engine` and declares its TOML keys, defaults and override", () => {
    expect(engine).toBe(sqliteEngine);
    expect(engine.name).toBe("sqlite");
    expect(Object.keys(engine.settings)).toEqual(["path", "busyTimeoutMs", "synchronous"]);
    expect(engine.settings.path).toMatchObject({ type: "string", default: ".blue/blue.db", env: "BLUE_SQLITE_PATH" });
    expect(engine.settings.busyTimeoutMs).toMatchObject({ key: "busy_timeout_ms", type: "integer", min: 0 });
    expect(sqlitePathProblem(".blue/")).toMatch(/names a folder/);
  });

  test("opens creating the database's folder; create: false opens existing files only", async () => {
    const path = join(dir, "nested", "deeper", "app.db");
    await expect(engine.open({ path }, { ...context, create: false })).rejects.toMatchObject({
      code: "CONFIG",
      details: { missing: true },
    });
    expect(existsSync(dirname(path))).toBe(false);
    const backend = await engine.open({ path, busyTimeoutMs: 100, synchronous: "normal" }, context);
    expect(backend.name).toBe("sqlite");
    await backend.close();
    await (await engine.open({ path }, { ...context, create: false })).close();
  });

  test("a folder that cannot be created is a ConfigError naming the key", async () => {
    writeFileSync(join(dir, "blocker"), "a file where a folder should be");
    await expect(engine.open({ path: join(dir, "blocker", "app.db") }, context)).rejects.toMatchObject({
      code: "CONFIG",
      details: { key: "storage.sqlite.path" },
    });
  });

  test("isolate gives a fresh database outside the configured folder; removeNamespace deletes it all", async () => {
    const settings = { path: join(dir, "project.db") };
    const isolated = await engine.isolate!(settings, "case 1");
    expect(dirname(isolated.path)).not.toBe(dir);
    expect(isolated.path).toMatch(/case_1\.db$/);
    const backend = await engine.open(isolated, context);
    await backend.dialogues.createDialogue({ id: "d", title: "t" });
    await backend.close();
    expect(existsSync(isolated.path)).toBe(true);
    await engine.removeNamespace!(isolated);
    expect(existsSync(dirname(isolated.path))).toBe(false);
    expect(existsSync(settings.path)).toBe(false);
  });

  test("describe and identity: the path relative to cwd; one identity for two spellings of a file", () => {
    const path = join(dir, "same.db");
    expect(engine.describe!({ path }, { cwd: dir })).toEqual({ line: "sqlite same.db", facts: { path: "same.db" } });
    expect(engine.identity!({ path })).toBe(engine.identity!({ path: join(dir, "sub", "..", "same.db") }));
    expect(engine.identity!({ path: ":memory:" })).toBeUndefined();
  });
});
