import { existsSync } from "node:fs";
import { join } from "node:path";
import { createDialogueStore, createStorage, loadConfig, openStorage, parseConfig } from "../../src";
import { FIXED_CLOCK, tempProject, type TempProject } from "../helpers/project";

// Against the real @blue/store-sqlite (a devDependency, through its built dist/).
let project: TempProject;
beforeEach(() => {
  project = tempProject("blue-config-sqlite-");
});
afterEach(() => project.remove());

describe("the SQLite engine through the config", () => {
  it("opens the embedded default at <project>/.blue/blue.db, creating the folder, and persists", async () => {
    expect(existsSync(join(project.root, ".blue"))).toBe(false);
    const first = await openStorage({ cwd: project.root, env: {}, clock: FIXED_CLOCK });
    expect(first.name).toBe("sqlite");
    expect(first.capabilities.persistent).toBe(true);
    await first.dialogues.createDialogue({ id: "d1", title: "Persisted" });
    await first.close();
    expect(existsSync(join(project.root, ".blue", "blue.db"))).toBe(true);

    const second = await openStorage({ cwd: project.root, env: {} });
    expect(await second.dialogues.getDialogue("d1")).toMatchObject({ id: "d1", title: "Persisted", createdAt: "2026-02-02T10:00:00.000Z" });
    await second.close();
  });

  it("opens the configured path, creating nested folders, with the busy timeout and sync mode", async () => {
    project.write(
      ".blue/config.toml",
      '[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "var/data/app.db"\nbusy_timeout_ms = 100\nsynchronous = "normal"\n',
    );
    const dialogues = await createDialogueStore(await loadConfig({ cwd: project.root, env: {} }));
    await dialogues.createDialogue({ id: "d2", title: "Nested" });
    expect(dialogues.backend.name).toBe("sqlite");
    await dialogues.close();
    expect(existsSync(join(project.root, "var", "data", "app.db"))).toBe(true);
  });

  it("honours BLUE_SQLITE_PATH", async () => {
    const backend = await openStorage({ cwd: project.root, env: { BLUE_SQLITE_PATH: "from-env.db" } });
    await backend.close();
    expect(existsSync(join(project.root, "from-env.db"))).toBe(true);
  });

  it("opens :memory: as a private, non-persistent database", async () => {
    const config = await parseConfig('[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = ":memory:"\n', { projectRoot: project.root });
    const backend = await createStorage(config);
    expect(backend.capabilities.persistent).toBe(false);
    await backend.close();
  });

  it("passes the engine's own ConfigError through for a file that is not a Blue Store database", async () => {
    project.write("notes.txt", "plain text, not SQLite");
    const config = await parseConfig(`[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "notes.txt"\n`, {
      projectRoot: project.root,
    });
    await expect(createStorage(config)).rejects.toMatchObject({ code: "CONFIG" });
  });

  it("is a ConfigError when the database folder cannot be created", async () => {
    project.write("blocker", "a file where a folder should be");
    const config = await parseConfig('[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "blocker/app.db"\n', {
      projectRoot: project.root,
    });
    const error = await createStorage(config).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFIG", details: { key: "storage.sqlite.path", path: join(project.root, "blocker", "app.db") } });
    expect((error as Error).message).toMatch(/^cannot create the folder of the SQLite database .*blocker\/app\.db: /);
  });
});
