import { defaultConfig, environmentVariables, isStoreError, parseConfig } from "../../src";

const SOURCE = "/proj/.blue/config.toml";
const SQLITE_FILE = '[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "a.db"\n[storage.dynamodb]\nregion = "eu-west-1"\n';

async function failure(env: Record<string, string>, text = SQLITE_FILE): Promise<{ message: string; details: unknown }> {
  try {
    await parseConfig(text, { source: SOURCE, env });
  } catch (e) {
    expect(isStoreError(e, "CONFIG")).toBe(true);
    return e as { message: string; details: unknown };
  }
  throw new Error("no error");
}

describe("environment overrides", () => {
  it("are the backend's and those the selected engine's descriptor declares", async () => {
    expect(environmentVariables((await parseConfig(SQLITE_FILE, { source: SOURCE })).engine)).toEqual([
      "BLUE_STORAGE_BACKEND",
      "BLUE_SQLITE_PATH",
    ]);
    const dynamo = await parseConfig(SQLITE_FILE, { source: SOURCE, env: { BLUE_STORAGE_BACKEND: "dynamodb" } });
    expect(environmentVariables(dynamo.engine)).toEqual([
      "BLUE_STORAGE_BACKEND",
      "BLUE_DYNAMODB_TABLE_PREFIX",
      "BLUE_DYNAMODB_REGION",
      "BLUE_DYNAMODB_ENDPOINT",
    ]);
  });

  it("apply over the file and are recorded; another engine's variables are not read", async () => {
    const config = await parseConfig(SQLITE_FILE, {
      source: SOURCE,
      env: {
        BLUE_STORAGE_BACKEND: "dynamodb",
        BLUE_SQLITE_PATH: "other/b.db",
        BLUE_DYNAMODB_ENDPOINT: "http://localhost:8000",
        BLUE_DYNAMODB_REGION: "us-west-2",
        BLUE_DYNAMODB_TABLE_PREFIX: "ci_",
        UNRELATED: "x",
      },
    });
    expect(config.backend).toBe("dynamodb");
    expect(config.settings).toEqual({ tablePrefix: "ci_", region: "us-west-2", endpoint: "http://localhost:8000", createTables: false });
    expect(config.overrides).toEqual([
      "BLUE_STORAGE_BACKEND",
      "BLUE_DYNAMODB_TABLE_PREFIX",
      "BLUE_DYNAMODB_REGION",
      "BLUE_DYNAMODB_ENDPOINT",
    ]);
    const sqlite = await parseConfig(SQLITE_FILE, {
      source: SOURCE,
      env: { BLUE_SQLITE_PATH: "other/b.db", BLUE_DYNAMODB_REGION: "bad region" },
    });
    expect(sqlite.settings).toEqual({ path: "/proj/other/b.db" });
    expect(sqlite.overrides).toEqual(["BLUE_SQLITE_PATH"]);
  });

  it("apply over the embedded default too", async () => {
    const config = await defaultConfig({ projectRoot: "/proj", env: { BLUE_STORAGE_BACKEND: "memory" } });
    expect(config.backend).toBe("memory");
    expect(config.overrides).toEqual(["BLUE_STORAGE_BACKEND"]);
  });

  it("are ignored when unset, and the file wins", async () => {
    const config = await parseConfig(SQLITE_FILE.replace('backend = "sqlite"', 'backend = "dynamodb"'), { source: SOURCE, env: {} });
    expect(config.backend).toBe("dynamodb");
    expect(config.settings.region).toBe("eu-west-1");
  });

  it.each([
    [
      "BLUE_STORAGE_BACKEND",
      "mongo",
      "storage.backend",
      'BLUE_STORAGE_BACKEND: unknown backend "mongo" (known backends: memory, sqlite, dynamodb, custom)',
    ],
    [
      "BLUE_STORAGE_BACKEND",
      "SQLite",
      "storage.backend",
      'BLUE_STORAGE_BACKEND: unknown backend "SQLite"; did you mean "sqlite"? (known backends: memory, sqlite, dynamodb, custom)',
    ],
    [
      "BLUE_SQLITE_PATH",
      "",
      "storage.sqlite.path",
      'BLUE_SQLITE_PATH: the path is empty; expected a database file path such as ".blue/blue.db"',
    ],
    [
      "BLUE_DYNAMODB_ENDPOINT",
      "localhost:8000",
      "storage.dynamodb.endpoint",
      'BLUE_DYNAMODB_ENDPOINT: "localhost:8000" has no scheme; expected an http(s) URL such as "http://127.0.0.1:8000", e.g. "http://localhost:8000"',
    ],
    [
      "BLUE_DYNAMODB_REGION",
      "EU_WEST",
      "storage.dynamodb.region",
      'BLUE_DYNAMODB_REGION: "EU_WEST" is not an AWS region name; expected lower-case words joined by "-", such as "us-east-1"',
    ],
    [
      "BLUE_DYNAMODB_TABLE_PREFIX",
      "team/app_",
      "storage.dynamodb.table_prefix",
      'BLUE_DYNAMODB_TABLE_PREFIX: "team/app_" contains "/"; DynamoDB table names allow only ASCII letters, digits, "_", "-" and "."',
    ],
  ])("%s=%j is a ConfigError naming the variable", async (variable, value, key, message) => {
    const backend: Record<string, string> = variable.startsWith("BLUE_DYNAMODB_") ? { BLUE_STORAGE_BACKEND: "dynamodb" } : {};
    const error = await failure({ ...backend, [variable]: value });
    expect(error.message).toBe(message);
    expect(error.details).toEqual({ variable, key });
  });

  it("BLUE_STORAGE_BACKEND=custom without [storage.custom] names the variable", async () => {
    const error = await failure({ BLUE_STORAGE_BACKEND: "custom" });
    expect(error.message).toBe(
      'BLUE_STORAGE_BACKEND: backend "custom" needs a [storage.custom] table with module = "<package or ./path>" exporting an engine descriptor `engine`',
    );
  });
});

describe("the DynamoDB region from the AWS SDK's variables", () => {
  const DYNAMO = '[storage]\nbackend = "dynamodb"\n';

  const region = async (text: string, env: Record<string, string>) => (await parseConfig(text, { source: SOURCE, env })).settings.region;

  it("comes from AWS_REGION, then AWS_DEFAULT_REGION, when the file sets none", async () => {
    expect(await region(DYNAMO, { AWS_REGION: "eu-north-1", AWS_DEFAULT_REGION: "sa-east-1" })).toBe("eu-north-1");
    expect(await region(DYNAMO, { AWS_DEFAULT_REGION: "sa-east-1" })).toBe("sa-east-1");
    expect(await region(DYNAMO, {})).toBe("us-east-1");
  });

  it("yields to the file and to BLUE_DYNAMODB_REGION", async () => {
    const file = `${DYNAMO}[storage.dynamodb]\nregion = "eu-west-1"\n`;
    expect(await region(file, { AWS_REGION: "eu-north-1" })).toBe("eu-west-1");
    expect(await region(DYNAMO, { AWS_REGION: "eu-north-1", BLUE_DYNAMODB_REGION: "ap-east-1" })).toBe("ap-east-1");
  });

  it("is checked: a malformed AWS_REGION is an error naming it for DynamoDB, and ignored for other backends", async () => {
    expect(await failure({ AWS_REGION: "Europe" }, DYNAMO)).toMatchObject({
      message: 'AWS_REGION: "Europe" is not an AWS region name; expected lower-case words joined by "-", such as "us-east-1"',
      details: { variable: "AWS_REGION", key: "storage.dynamodb.region" },
    });
    expect((await parseConfig(SQLITE_FILE, { source: SOURCE, env: { AWS_REGION: "Europe" } })).settings).toEqual({ path: "/proj/a.db" });
  });
});
