import { mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { findProject, loadConfig, isStoreError } from "../../src";
import { tempProject, type TempProject } from "../helpers/project";

let project: TempProject;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

describe("loadConfig", () => {
  it("reads .blue/config.toml in cwd", async () => {
    const file = project.write(".blue/config.toml", '[storage]\nbackend = "memory"\n');
    const config = await loadConfig({ cwd: project.root, env: {} });
    expect(config.backend).toBe("memory");
    expect(config.source).toBe(file);
    expect(config.projectRoot).toBe(project.root);
  });

  it("finds the nearest .blue/ above cwd and resolves paths against that folder", async () => {
    project.write(".blue/config.toml", '[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "data/app.db"\n');
    const deep = join(project.root, "src", "lib", "deep");
    mkdirSync(deep, { recursive: true });
    const config = await loadConfig({ cwd: deep, env: {} });
    expect(config.projectRoot).toBe(project.root);
    expect(config.settings.path).toBe(join(project.root, "data", "app.db"));
  });

  it("stops at the nearest .blue/ even without a config file there: the default in that project", async () => {
    project.write(".blue/config.toml", '[storage]\nbackend = "memory"\n');
    const inner = join(project.root, "packages", "app");
    mkdirSync(join(inner, ".blue"), { recursive: true });
    const config = await loadConfig({ cwd: join(inner), env: {} });
    expect(config).toMatchObject({
      backend: "sqlite",
      source: null,
      projectRoot: inner,
      settings: { path: join(inner, ".blue", "blue.db") },
    });
  });

  it("uses the embedded default at <cwd>/.blue/blue.db when no .blue/ exists, without creating anything", async () => {
    const cwd = join(project.root, "app");
    mkdirSync(cwd);
    const config = await loadConfig({ cwd, env: {} });
    expect(config).toEqual({
      backend: "sqlite",
      projectRoot: cwd,
      source: null,
      overrides: [],
      engine: expect.objectContaining({ name: "sqlite" }),
      settings: { path: join(cwd, ".blue", "blue.db") },
    });
    expect(existsSync(join(cwd, ".blue"))).toBe(false);
  });

  it("applies the environment over the file", async () => {
    project.write(".blue/config.toml", '[storage]\nbackend = "sqlite"\n');
    const config = await loadConfig({ cwd: project.root, env: { BLUE_STORAGE_BACKEND: "memory" } });
    expect(config.backend).toBe("memory");
    expect(config.overrides).toEqual(["BLUE_STORAGE_BACKEND"]);
  });

  it("names the real file in errors", async () => {
    const file = project.write(".blue/config.toml", '[storage]\nbackend = "dynamodb"\n\n[storage.dynamodb]\ntable_prefx = "x"\n');
    await expect(loadConfig({ cwd: project.root, env: {} })).rejects.toMatchObject({
      code: "CONFIG",
      message: `${file}:5:1: storage.dynamodb.table_prefx: unknown key in [storage.dynamodb]; did you mean table_prefix? (known keys: table_prefix, region, endpoint, create_tables, shards)`,
      details: { file, line: 5, column: 1, key: "storage.dynamodb.table_prefx" },
    });
  });

  it("rejects a config.toml that is a folder", async () => {
    const folder = join(project.root, ".blue", "config.toml");
    mkdirSync(folder, { recursive: true });
    const error = await loadConfig({ cwd: project.root, env: {} }).catch((e: unknown) => e);
    expect(isStoreError(error, "CONFIG")).toBe(true);
    expect((error as Error).message).toBe(`${folder} is a folder; expected a TOML file`);
  });

  it("reads process.env and process.cwd() by default", async () => {
    project.write(".blue/config.toml", '[storage]\nbackend = "sqlite"\n');
    const cwd = process.cwd();
    const saved = process.env.BLUE_STORAGE_BACKEND;
    process.chdir(project.root);
    process.env.BLUE_STORAGE_BACKEND = "memory";
    try {
      const config = await loadConfig();
      expect(config.backend).toBe("memory");
      expect(config.source).toBe(join(project.root, ".blue", "config.toml"));
    } finally {
      process.chdir(cwd);
      if (saved === undefined) delete process.env.BLUE_STORAGE_BACKEND;
      else process.env.BLUE_STORAGE_BACKEND = saved;
    }
  });
});

describe("findProject", () => {
  it("rejects a cwd that is not an existing folder", async () => {
    const missing = join(project.root, "nope");
    await expect(findProject(missing)).rejects.toMatchObject({
      code: "CONFIG",
      message: `cannot look for .blue/config.toml from ${missing}: it is not an existing folder`,
    });
  });

  it("ignores a .blue that is a file", async () => {
    project.write(".blue", "not a folder");
    expect(await findProject(project.root)).toEqual({ projectRoot: project.root, configFile: null });
  });
});
