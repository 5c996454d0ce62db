import { parseConfig, defaultConfig } from "../../src";

const SOURCE = "/proj/.blue/config.toml";

describe("parseConfig", () => {
  it("reads a full SQLite config and resolves the path against the project root", () => {
    const config = parseConfig('[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "data/app.db"\nbusy_timeout_ms = 2500\nsynchronous = "normal"\n', {
      source: SOURCE,
    });
    expect(config).toEqual({
      backend: "sqlite",
      projectRoot: "/proj",
      source: SOURCE,
      overrides: [],
      sqlite: { path: "/proj/data/app.db", busyTimeoutMs: 2500, synchronous: "normal" },
      dynamodb: { tablePrefix: "blue_", region: "us-east-1", createTables: false },
    });
  });

  it("keeps an absolute SQLite path and SQLite's :memory:", () => {
    const absolute = parseConfig('[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "/var/lib/blue.db"\n', { source: SOURCE });
    expect(absolute.sqlite.path).toBe("/var/lib/blue.db");
    const memory = parseConfig('[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = ":memory:"\n', { source: SOURCE });
    expect(memory.sqlite.path).toBe(":memory:");
  });

  it("reads a full DynamoDB config", () => {
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
    expect(parseConfig(text, { source: SOURCE }).dynamodb).toEqual({
      tablePrefix: "myapp.prod-",
      region: "eu-west-1",
      endpoint: "http://127.0.0.1:8000",
      createTables: true,
      shards: 64,
    });
  });

  it("accepts dotted keys and inline tables", () => {
    const config = parseConfig('storage.backend = "memory"\nstorage.dynamodb = { region = "ap-south-1" }\n', { source: SOURCE });
    expect(config.backend).toBe("memory");
    expect(config.dynamodb.region).toBe("ap-south-1");
  });

  it("passes every key of [storage.custom] but module to the module as options", () => {
    const text = '[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "./engine.mjs"\nlevel = 3\nname = "x"\ntags = ["a", "b"]\n';
    expect(parseConfig(text, { source: SOURCE }).custom).toEqual({ module: "./engine.mjs", options: { level: 3, name: "x", tags: ["a", "b"] } });
  });

  it("takes the project root from the option, else from a .blue/config.toml source, else the cwd", () => {
    const text = '[storage]\nbackend = "sqlite"\n';
    expect(parseConfig(text, { source: SOURCE, projectRoot: "/elsewhere" }).sqlite.path).toBe("/elsewhere/.blue/blue.db");
    expect(parseConfig(text, { source: "/a/b/.blue/config.toml" }).projectRoot).toBe("/a/b");
    expect(parseConfig(text, { source: "/a/b/settings.toml" }).projectRoot).toBe(process.cwd());
    expect(parseConfig(text).source).toBe("config.toml");
  });

  it("returns a frozen config", () => {
    const config = parseConfig('[storage]\nbackend = "sqlite"\n', { source: SOURCE });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.sqlite)).toBe(true);
    expect(Object.isFrozen(config.dynamodb)).toBe(true);
  });

  it("reports a problem on a CRLF file at the right line", () => {
    expect(() => parseConfig('[storage]\r\nbackend = "sqlite"\r\n[storage.sqlite]\r\npaht = "x.db"\r\n', { source: SOURCE })).toThrow(
      `${SOURCE}:4:1: storage.sqlite.paht: unknown key in [storage.sqlite]; did you mean path? (known keys: path, busy_timeout_ms, synchronous)`,
    );
  });
});

describe("defaultConfig", () => {
  it("is SQLite at <project root>/.blue/blue.db, with no source", () => {
    expect(defaultConfig({ projectRoot: "/proj" })).toEqual({
      backend: "sqlite",
      projectRoot: "/proj",
      source: null,
      overrides: [],
      sqlite: { path: "/proj/.blue/blue.db" },
      dynamodb: { tablePrefix: "blue_", region: "us-east-1", createTables: false },
    });
  });
});

describe("the table prefix", () => {
  it("may be empty, as @blue/store-dynamodb allows (the table is then plain `store`)", () => {
    const config = parseConfig('[storage]\nbackend = "dynamodb"\n[storage.dynamodb]\ntable_prefix = ""\n', { source: SOURCE });
    expect(config.dynamodb.tablePrefix).toBe("");
  });

  it("may be 200 characters long, not 201", () => {
    const text = (n: number) => `[storage]\nbackend = "dynamodb"\n[storage.dynamodb]\ntable_prefix = "${"a".repeat(n)}"\n`;
    expect(parseConfig(text(200), { source: SOURCE }).dynamodb.tablePrefix).toHaveLength(200);
    expect(() => parseConfig(text(201), { source: SOURCE })).toThrow(/the table prefix is 201 characters long/);
  });
});
