import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isStoreError } from "@blue/store-core";
import { TomlError } from "smol-toml";
import { parseConfig } from "../../src";

// Every file of test/fixtures/broken is a config a person could write by mistake; each must
// fail with exactly this ConfigError: message (after the file name) and details.
const SOURCE = "/proj/.blue/config.toml";
const FIXTURES = join(__dirname, "..", "fixtures", "broken");

const CASES: Array<[fixture: string, details: Record<string, unknown>, message: string]> = [
  [
    "backend-not-string",
    { line: 2, column: 1, key: "storage.backend" },
    ':2:1: storage.backend: expected a string naming a backend (one of "memory", "sqlite", "dynamodb", "custom"), found an integer (1)',
  ],
  [
    "backend-typo",
    { line: 2, column: 1, key: "storage.backend" },
    ':2:1: storage.backend: unknown backend "sqlte"; did you mean "sqlite"? (known backends: memory, sqlite, dynamodb, custom)',
  ],
  [
    "backend-unknown",
    { line: 2, column: 1, key: "storage.backend" },
    ':2:1: storage.backend: unknown backend "postgres" (known backends: memory, sqlite, dynamodb, custom)',
  ],
  [
    "comments-only",
    {},
    ': the file has no settings; expected a [storage] table with backend = "memory", "sqlite", "dynamodb" or "custom" (delete the file to use the default: SQLite at .blue/blue.db)',
  ],
  [
    "custom-module-empty",
    { line: 5, column: 1, key: "storage.custom.module" },
    ':5:1: storage.custom.module: the module is empty; expected a package name or a path such as "./my-backend.mjs"',
  ],
  [
    "custom-module-integer",
    { line: 5, column: 1, key: "storage.custom.module" },
    ":5:1: storage.custom.module: expected a string, found an integer (5)",
  ],
  [
    "custom-no-module",
    { line: 4, column: 1, key: "storage.custom.module" },
    ':4:1: storage.custom: the key "module" is missing; expected a package name or a path such as "./my-backend.mjs"',
  ],
  [
    "custom-no-table",
    { line: 2, column: 1, key: "storage.backend" },
    ':2:1: storage.backend: backend "custom" needs a [storage.custom] table with module = "<package or ./path>" exporting an engine descriptor `engine`',
  ],
  [
    "dynamodb-shards-zero",
    { line: 5, column: 1, key: "storage.dynamodb.shards" },
    ":5:1: storage.dynamodb.shards: expected a whole number of shards from 1 to 256, found 0",
  ],
  [
    "dynamodb-create-tables-string",
    { line: 5, column: 1, key: "storage.dynamodb.create_tables" },
    ':5:1: storage.dynamodb.create_tables: expected a boolean (true or false), found a string ("yes")',
  ],
  [
    "dynamodb-dotted-key-typo",
    { line: 2, column: 1, key: "storage.dynamodb.regoin", suggestion: "region" },
    ":2:1: storage.dynamodb.regoin: unknown key in [storage.dynamodb]; did you mean region? (known keys: table_prefix, region, endpoint, create_tables, shards)",
  ],
  [
    "dynamodb-endpoint-credentials",
    { line: 5, column: 1, key: "storage.dynamodb.endpoint" },
    ":5:1: storage.dynamodb.endpoint: the endpoint contains credentials; leave them out: the AWS SDK's default provider chain supplies them",
  ],
  [
    "dynamodb-endpoint-ftp",
    { line: 5, column: 1, key: "storage.dynamodb.endpoint" },
    ':5:1: storage.dynamodb.endpoint: "ftp://127.0.0.1:8000" uses the scheme "ftp"; expected an http(s) URL such as "http://127.0.0.1:8000"',
  ],
  [
    "dynamodb-endpoint-no-scheme",
    { line: 5, column: 1, key: "storage.dynamodb.endpoint" },
    ':5:1: storage.dynamodb.endpoint: "localhost:8000" has no scheme; expected an http(s) URL such as "http://127.0.0.1:8000", e.g. "http://localhost:8000"',
  ],
  [
    "dynamodb-endpoint-not-url",
    { line: 5, column: 1, key: "storage.dynamodb.endpoint" },
    ':5:1: storage.dynamodb.endpoint: "http://exa mple.com" is not a valid URL; expected an http(s) URL such as "http://127.0.0.1:8000"',
  ],
  [
    "dynamodb-inline-table-typo",
    { line: 3, column: 1, key: "storage.dynamodb.endpont", suggestion: "endpoint" },
    ":3:1: storage.dynamodb.endpont: unknown key in [storage.dynamodb]; did you mean endpoint? (known keys: table_prefix, region, endpoint, create_tables, shards)",
  ],
  [
    "dynamodb-prefix-non-ascii",
    { line: 5, column: 1, key: "storage.dynamodb.table_prefix" },
    ':5:1: storage.dynamodb.table_prefix: "blå_" contains "å"; DynamoDB table names allow only ASCII letters, digits, "_", "-" and "."',
  ],
  [
    "dynamodb-prefix-space",
    { line: 5, column: 1, key: "storage.dynamodb.table_prefix" },
    ':5:1: storage.dynamodb.table_prefix: "blue app_" contains " "; DynamoDB table names allow only ASCII letters, digits, "_", "-" and "."',
  ],
  [
    "dynamodb-prefix-too-long",
    { line: 5, column: 1, key: "storage.dynamodb.table_prefix" },
    ":5:1: storage.dynamodb.table_prefix: the table prefix is 201 characters long; at most 200 leave room for the table names (DynamoDB allows 255)",
  ],
  [
    "dynamodb-prefix-typo",
    { line: 5, column: 1, key: "storage.dynamodb.table_prefx", suggestion: "table_prefix" },
    ":5:1: storage.dynamodb.table_prefx: unknown key in [storage.dynamodb]; did you mean table_prefix? (known keys: table_prefix, region, endpoint, create_tables, shards)",
  ],
  [
    "dynamodb-region-bad",
    { line: 5, column: 1, key: "storage.dynamodb.region" },
    ':5:1: storage.dynamodb.region: "US East 1" is not an AWS region name; expected lower-case words joined by "-", such as "us-east-1"',
  ],
  [
    "empty",
    {},
    ': the file has no settings; expected a [storage] table with backend = "memory", "sqlite", "dynamodb" or "custom" (delete the file to use the default: SQLite at .blue/blue.db)',
  ],
  [
    "key-in-wrong-table",
    { line: 3, column: 1, key: "storage.path", suggestion: "storage.sqlite.path" },
    ":3:1: storage.path: unknown key in [storage]; path belongs in [storage.sqlite]",
  ],
  [
    "missing-backend",
    { line: 1, column: 1, key: "storage.backend" },
    ':1:1: storage: the key "backend" is missing; expected one of "memory", "sqlite", "dynamodb", "custom"',
  ],
  [
    "sqlite-busy-timeout-negative",
    { line: 5, column: 1, key: "storage.sqlite.busy_timeout_ms" },
    ":5:1: storage.sqlite.busy_timeout_ms: expected a whole number of milliseconds from 0 to 2147483647, found -5",
  ],
  [
    "sqlite-busy-timeout-string",
    { line: 5, column: 1, key: "storage.sqlite.busy_timeout_ms" },
    ':5:1: storage.sqlite.busy_timeout_ms: expected an integer, found a string ("5s")',
  ],
  [
    "sqlite-key-typo",
    { line: 5, column: 1, key: "storage.sqlite.pth", suggestion: "path" },
    ":5:1: storage.sqlite.pth: unknown key in [storage.sqlite]; did you mean path? (known keys: path, busy_timeout_ms, synchronous)",
  ],
  [
    "sqlite-not-table",
    { line: 3, column: 1, key: "storage.sqlite" },
    ':3:1: storage.sqlite: expected a table ([storage.sqlite]), found a string (".blue/blue.db")',
  ],
  [
    "sqlite-synchronous-off",
    { line: 5, column: 1, key: "storage.sqlite.synchronous" },
    ':5:1: storage.sqlite.synchronous: "off" is not a sync mode; expected "full" (commits survive power loss) or "normal" (faster; commits survive a process crash)',
  ],
  [
    "sqlite-path-empty",
    { line: 5, column: 1, key: "storage.sqlite.path" },
    ':5:1: storage.sqlite.path: the path is empty; expected a database file path such as ".blue/blue.db"',
  ],
  [
    "sqlite-path-folder",
    { line: 5, column: 1, key: "storage.sqlite.path" },
    ':5:1: storage.sqlite.path: the path ".blue/" names a folder; expected a database file path such as ".blue/blue.db"',
  ],
  [
    "sqlite-path-integer",
    { line: 5, column: 1, key: "storage.sqlite.path" },
    ":5:1: storage.sqlite.path: expected a string, found an integer (42)",
  ],
  ["storage-not-table", { line: 1, column: 1, key: "storage" }, ':1:1: storage: expected a table ([storage]), found a string ("sqlite")'],
  [
    "storage-table-typo",
    { line: 4, column: 1, key: "storage.sqllite", suggestion: "sqlite" },
    ":4:1: storage.sqllite: unknown key in [storage]; did you mean sqlite? (known keys: backend, sqlite, dynamodb, custom)",
  ],
  ["syntax-duplicate-key", { line: 3, column: 1 }, ":3:1: invalid TOML: trying to redefine an already defined table or value"],
  [
    "syntax-unclosed-header",
    { line: 1, column: 9 },
    ":1:9: invalid TOML: illegal character in key (is the closing ] of the table header missing?)",
  ],
  ["syntax-unquoted-string", { line: 2, column: 11 }, ':2:11: invalid TOML: invalid value (strings need quotes: "sqlite")'],
  [
    "syntax-unterminated-string",
    { line: 2, column: 18 },
    ":2:18: invalid TOML: control characters are not allowed in strings (is the closing quote of the string missing?)",
  ],
  [
    "top-level-backend",
    { line: 1, column: 1, key: "backend", suggestion: "storage.backend" },
    ":1:1: backend: unknown key at the top level; backend belongs in [storage]",
  ],
  [
    "top-level-typo",
    { line: 1, column: 1, key: "storag", suggestion: "storage" },
    ":1:1: storag: unknown key at the top level; did you mean storage? (known keys: storage)",
  ],
];

async function parseFailure(fixture: string): Promise<unknown> {
  const text = readFileSync(join(FIXTURES, `${fixture}.toml`), "utf8");
  try {
    await parseConfig(text, { source: SOURCE });
  } catch (e) {
    return e;
  }
  throw new Error(`${fixture}.toml parsed without an error`);
}

describe("broken configs", () => {
  it("has an expectation for every fixture, and at least 20 of them", () => {
    const fixtures = readdirSync(FIXTURES)
      .map((name) => name.replace(/\.toml$/, ""))
      .sort();
    expect(CASES.map(([fixture]) => fixture).sort()).toEqual(fixtures);
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)("%s.toml", async (fixture, details, message) => {
    const error = await parseFailure(fixture);
    expect(isStoreError(error, "CONFIG")).toBe(true);
    expect((error as Error).name).toBe("ConfigError");
    expect((error as Error).message).toBe(`${SOURCE}${message}`);
    expect((error as { details: unknown }).details).toEqual({ file: SOURCE, ...details });
  });

  it("keeps smol-toml's error as the cause of a syntax error", async () => {
    const error = (await parseFailure("syntax-unquoted-string")) as Error;
    expect(error.cause).toBeInstanceOf(TomlError);
  });
});
