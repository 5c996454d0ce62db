import { sqliteEngine } from "@blue/store-sqlite";
import { tablePrefixProblem } from "@blue/store-dynamodb";
import { parseConfig, defaultConfig } from "../../src";

const SOURCE = "/proj/.blue/config.toml";

describe("parseConfig", () => {
  it("reads a full SQLite config and resolves the path against the project root", async () => {
    const config = await parseConfig(
      '[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "data/app.db"\nbusy_timeout_ms = 2500\nsynchronous = "normal"\n',
      {
        source: SOURCE,
      },
    );
    expect(config).toEqual({
      backend: "sqlite",
      projectRoot: "/proj",
      source: SOURCE,
      overrides: [],
      engine: sqliteEngine,
      settings: { path: "/proj/data/app.db", busyTimeoutMs: 2500, synchronous: "normal" },
    });
  });

  it("keeps an absolute SQLite path and SQLite's :memory:", async () => {
    const absolute = await parseConfig('[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "/var/lib/blue.db"\n', { source: SOURCE });
    expect(absolute.settings.path).toBe("/var/lib/blue.db");
    const memory = await parseConfig('[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = ":memory:"\n', { source: SOURCE });
    expect(memory.settings.path).toBe(":memory:");
  });

  it("reads a full DynamoDB config", async () => {
    const text = [
      "[storage]",
      'backend = "dynamodb"',
      "[storage.dynamodb]",
      'table_prefix = "myapp.prod-"',
      'region = "eu-west-1"',
      'endpoint = "http://127.0.0.1:8000"',
      "create_tables = true",
      "shards = 64",
    ].join("\n");
    expect((await parseConfig(text, { source: SOURCE })).settings).toEqual({
      tablePrefix: "myapp.prod-",
      region: "eu-west-1",
      endpoint: "http://127.0.0.1:8000",
      createTables: true,
      shards: 64,
    });
  });

  it("accepts dotted keys and inline tables", async () => {
    const config = await parseConfig('storage.backend = "dynamodb"\nstorage.dynamodb = { region = "ap-south-1" }\n', { source: SOURCE });
    expect(config.backend).toBe("dynamodb");
    expect(config.settings.region).toBe("ap-south-1");
  });

  it("checks only the selected engine's table: another engine's is left for when it is selected", async () => {
    const config = await parseConfig('[storage]\nbackend = "memory"\n[storage.dynamodb]\nregoin = "x"\n', { source: SOURCE });
    expect(config).toMatchObject({ backend: "memory", settings: {} });
    await expect(
      parseConfig('[storage]\nbackend = "memory"\n[storage.dynamodb]\nregoin = "x"\n', {
        source: SOURCE,
        env: { BLUE_STORAGE_BACKEND: "dynamodb" },
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("storage.dynamodb.regoin: unknown key in [storage.dynamodb]; did you mean region?"),
    });
  });

  it("names the allowed values of an enumerated setting, with did-you-mean", async () => {
    await expect(
      parseConfig('[storage]\nbackend = "sqlite"\n[storage.sqlite]\nsynchronous = "ful"\n', { source: SOURCE }),
    ).rejects.toMatchObject({
      message:
        `${SOURCE}:4:1: storage.sqlite.synchronous: "ful" is not a sync mode; expected "full" (commits survive power loss) or ` +
        '"normal" (faster; commits survive a process crash); did you mean "full"?',
      details: { file: SOURCE, line: 4, column: 1, key: "storage.sqlite.synchronous" },
    });
  });

  it("takes the project root from the option, else from a .blue/config.toml source, else the cwd", async () => {
    const text = '[storage]\nbackend = "sqlite"\n';
    expect((await parseConfig(text, { source: SOURCE, projectRoot: "/elsewhere" })).settings.path).toBe("/elsewhere/.blue/blue.db");
    expect((await parseConfig(text, { source: "/a/b/.blue/config.toml" })).projectRoot).toBe("/a/b");
    expect((await parseConfig(text, { source: "/a/b/settings.toml" })).projectRoot).toBe(process.cwd());
    expect((await parseConfig(text)).source).toBe("config.toml");
  });

  it("returns a frozen config", async () => {
    const config = await parseConfig('[storage]\nbackend = "sqlite"\n', { source: SOURCE });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.settings)).toBe(true);
    expect(Object.isFrozen(config.overrides)).toBe(true);
  });

  it("reports a problem on a CRLF file at the right line", async () => {
    await expect(
      parseConfig('[storage]\r\nbackend = "sqlite"\r\n[storage.sqlite]\r\npaht = "x.db"\r\n', { source: SOURCE }),
    ).rejects.toThrow(
      `${SOURCE}:4:1: storage.sqlite.paht: unknown key in [storage.sqlite]; did you mean path? (known keys: path, busy_timeout_ms, synchronous)`,
    );
  });
});

describe("defaultConfig", () => {
  it("is SQLite at <project root>/.blue/blue.db, with no source", async () => {
    expect(await defaultConfig({ projectRoot: "/proj" })).toEqual({
      backend: "sqlite",
      projectRoot: "/proj",
      source: null,
      overrides: [],
      engine: sqliteEngine,
      settings: { path: "/proj/.blue/blue.db" },
    });
  });
});

describe("the table prefix", () => {
  it("may be empty, as @blue/store-dynamodb allows (the table is then plain `store`)", async () => {
    const config = await parseConfig('[storage]\nbackend = "dynamodb"\n[storage.dynamodb]\ntable_prefix = ""\n', { source: SOURCE });
    expect(config.settings.tablePrefix).toBe("");
  });

  it("may be 200 characters long, not 201: the DynamoDB package's rule, with the file's position", async () => {
    const text = (n: number) => `[storage]\nbackend = "dynamodb"\n[storage.dynamodb]\ntable_prefix = "${"a".repeat(n)}"\n`;
    expect((await parseConfig(text(200), { source: SOURCE })).settings.tablePrefix).toHaveLength(200);
    await expect(parseConfig(text(201), { source: SOURCE })).rejects.toThrow(
      `${SOURCE}:4:1: storage.dynamodb.table_prefix: ${tablePrefixProblem("a".repeat(201))}`,
    );
  });
});
