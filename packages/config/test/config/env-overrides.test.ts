import { defaultConfig, isStoreError, parseConfig, ENV_VARIABLES } from "../../src";

const SOURCE = "/proj/.blue/config.toml";
const SQLITE_FILE = '[storage]\nbackend = "sqlite"\n[storage.sqlite]\npath = "a.db"\n[storage.dynamodb]\nregion = "eu-west-1"\n';

function failure(env: Record<string, string>, text = SQLITE_FILE): { message: string; details: unknown } {
  try {
    parseConfig(text, { source: SOURCE, env });
  } catch (e) {
    expect(isStoreError(e, "CONFIG")).toBe(true);
    return e as { message: string; details: unknown };
  }
  throw new Error("no error");
}

describe("environment overrides", () => {
  it("lists the five variables", () => {
    expect(ENV_VARIABLES).toEqual([
      "BLUE_STORAGE_BACKEND",
      "BLUE_SQLITE_PATH",
      "BLUE_DYNAMODB_ENDPOINT",
      "BLUE_DYNAMODB_REGION",
      "BLUE_DYNAMODB_TABLE_PREFIX",
    ]);
  });

  it("apply over the file and are recorded", () => {
    const config = parseConfig(SQLITE_FILE, {
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
    expect(config.sqlite.path).toBe("/proj/other/b.db");
    expect(config.dynamodb).toEqual({ tablePrefix: "ci_", region: "us-west-2", endpoint: "http://localhost:8000", createTables: false });
    expect(config.overrides).toEqual(ENV_VARIABLES);
  });

  it("apply over the embedded default too", () => {
    const config = defaultConfig({ projectRoot: "/proj", env: { BLUE_STORAGE_BACKEND: "memory" } });
    expect(config.backend).toBe("memory");
    expect(config.overrides).toEqual(["BLUE_STORAGE_BACKEND"]);
  });

  it("are ignored when unset, and the file wins", () => {
    const config = parseConfig(SQLITE_FILE, { source: SOURCE, env: {} });
    expect(config.backend).toBe("sqlite");
    expect(config.dynamodb.region).toBe("eu-west-1");
  });

  it.each([
    [
      "BLUE_STORAGE_BACKEND",
      "mongo",
      "storage.backend",
      'BLUE_STORAGE_BACKEND: unknown backend "mongo" (known backends: memory, sqlite, dynamodb, custom)',
    ],
    ["BLUE_STORAGE_BACKEND", "SQLite", "storage.backend", 'BLUE_STORAGE_BACKEND: unknown backend "SQLite"; did you mean "sqlite"? (known backends: memory, sqlite, dynamodb, custom)'],
    ["BLUE_SQLITE_PATH", "", "storage.sqlite.path", 'BLUE_SQLITE_PATH: the path is empty; expected a database file path such as ".blue/blue.db"'],
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
  ])("%s=%j is a ConfigError naming the variable", (variable, value, key, message) => {
    const error = failure({ [variable]: value });
    expect(error.message).toBe(message);
    expect(error.details).toEqual({ variable, key });
  });

  it("BLUE_STORAGE_BACKEND=custom without [storage.custom] names the variable", () => {
    const error = failure({ BLUE_STORAGE_BACKEND: "custom" });
    expect(error.message).toBe(
      'BLUE_STORAGE_BACKEND: backend "custom" needs a [storage.custom] table with module = "<package or ./path>" exporting createStorage(options)',
    );
  });
});

describe("the DynamoDB region from the AWS SDK's variables", () => {
  const DYNAMO = '[storage]\nbackend = "dynamodb"\n';

  it("comes from AWS_REGION, then AWS_DEFAULT_REGION, when the file sets none", () => {
    expect(parseConfig(DYNAMO, { source: SOURCE, env: { AWS_REGION: "eu-north-1", AWS_DEFAULT_REGION: "sa-east-1" } }).dynamodb.region).toBe("eu-north-1");
    expect(parseConfig(DYNAMO, { source: SOURCE, env: { AWS_DEFAULT_REGION: "sa-east-1" } }).dynamodb.region).toBe("sa-east-1");
    expect(parseConfig(DYNAMO, { source: SOURCE, env: {} }).dynamodb.region).toBe("us-east-1");
  });

  it("yields to the file and to BLUE_DYNAMODB_REGION", () => {
    const file = `${DYNAMO}[storage.dynamodb]\nregion = "eu-west-1"\n`;
    expect(parseConfig(file, { source: SOURCE, env: { AWS_REGION: "eu-north-1" } }).dynamodb.region).toBe("eu-west-1");
    expect(parseConfig(DYNAMO, { source: SOURCE, env: { AWS_REGION: "eu-north-1", BLUE_DYNAMODB_REGION: "ap-east-1" } }).dynamodb.region).toBe(
      "ap-east-1",
    );
  });

  it("is checked: a malformed AWS_REGION is an error naming it for DynamoDB, and ignored for other backends", () => {
    expect(failure({ AWS_REGION: "Europe" }, DYNAMO)).toMatchObject({
      message: 'AWS_REGION: "Europe" is not an AWS region name; expected lower-case words joined by "-", such as "us-east-1"',
      details: { variable: "AWS_REGION", key: "storage.dynamodb.region" },
    });
    expect(parseConfig(SQLITE_FILE.replace(/\[storage\.dynamodb\][^[]*$/, ""), { source: SOURCE, env: { AWS_REGION: "Europe" } }).dynamodb.region).toBe(
      "us-east-1",
    );
  });
});
