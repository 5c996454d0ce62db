import type { SettingSpec } from "@blue/store-core";
import { MAX_SHARDS } from "../table/shards";

/** The checked settings of `[storage.dynamodb]`, as the DynamoDB engine receives them. */
export interface DynamoEngineSettings {
  /** Prepended to the table name (`table_prefix`): the table is `<tablePrefix>store`. */
  tablePrefix: string;
  /** AWS region (`region`). Credentials never live in settings: the SDK's provider chain supplies them. */
  region: string;
  /** An http(s) endpoint such as DynamoDB Local's (`endpoint`). */
  endpoint?: string;
  /** Create the missing table when the storage opens (`create_tables`). */
  createTables: boolean;
  /** Partition keys per sharded listing and counter (`shards`); unset: the table's recorded count. */
  shards?: number;
}

/** The longest table prefix: DynamoDB table names hold at most 255 characters and the engine appends its table name. */
export const MAX_TABLE_PREFIX_LENGTH = 200;

/** What is wrong with a table prefix, or undefined: the one rule, for config files and `openDynamoStorage` alike. */
export function tablePrefixProblem(prefix: string): string | undefined {
  const bad = /[^A-Za-z0-9_.-]/u.exec(prefix);
  if (bad !== null) {
    return `${JSON.stringify(prefix)} contains ${JSON.stringify(bad[0])}; DynamoDB table names allow only ASCII letters, digits, "_", "-" and "."`;
  }
  if (prefix.length > MAX_TABLE_PREFIX_LENGTH) {
    return `the table prefix is ${prefix.length} characters long; at most ${MAX_TABLE_PREFIX_LENGTH} leave room for the table names (DynamoDB allows 255)`;
  }
  return undefined;
}

/** What is wrong with an endpoint URL, or undefined. */
export function endpointProblem(endpoint: string): string | undefined {
  const example = 'an http(s) URL such as "http://127.0.0.1:8000"';
  if (endpoint.length === 0) return `the endpoint is empty; expected ${example}`;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(endpoint)) {
    return `${JSON.stringify(endpoint)} has no scheme; expected ${example}, e.g. "http://${endpoint}"`;
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `${JSON.stringify(endpoint)} is not a valid URL; expected ${example}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `${JSON.stringify(endpoint)} uses the scheme "${url.protocol.slice(0, -1)}"; expected ${example}`;
  }
  if (url.hostname === "") return `${JSON.stringify(endpoint)} has no host; expected ${example}`;
  if (url.username !== "" || url.password !== "") {
    return "the endpoint contains credentials; leave them out: the AWS SDK's default provider chain supplies them";
  }
  if (url.search !== "" || url.hash !== "") return `${JSON.stringify(endpoint)} has a query or fragment; expected ${example}`;
  return undefined;
}

/** What is wrong with an AWS region name, or undefined. */
export function regionProblem(region: string): string | undefined {
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region) && region.length <= 64) return undefined;
  return `${JSON.stringify(region)} is not an AWS region name; expected lower-case words joined by "-", such as "us-east-1"`;
}

/** The settings of `[storage.dynamodb]`: keys, types, defaults, checks and environment overrides. */
export const DYNAMODB_SETTINGS: { readonly [K in keyof DynamoEngineSettings]-?: SettingSpec } = {
  tablePrefix: {
    key: "table_prefix",
    type: "string",
    default: "blue_",
    check: tablePrefixProblem,
    env: "BLUE_DYNAMODB_TABLE_PREFIX",
    description: `prepended to the table name; 0-${MAX_TABLE_PREFIX_LENGTH} of A-Z a-z 0-9 _ . -`,
  },
  region: {
    type: "string",
    default: "us-east-1",
    check: regionProblem,
    env: "BLUE_DYNAMODB_REGION",
    envFallback: ["AWS_REGION", "AWS_DEFAULT_REGION"],
    description: "AWS region; default $AWS_REGION, $AWS_DEFAULT_REGION, else us-east-1",
  },
  endpoint: {
    type: "string",
    check: endpointProblem,
    env: "BLUE_DYNAMODB_ENDPOINT",
    description: "an http(s) endpoint, e.g. DynamoDB Local's http://127.0.0.1:8000",
  },
  createTables: { key: "create_tables", type: "boolean", default: false, description: "create the missing table when the storage opens" },
  shards: {
    type: "integer",
    min: 1,
    max: MAX_SHARDS,
    unit: "shards",
    description: `partition keys per sharded listing and counter (1-${MAX_SHARDS}; fixed per table)`,
  },
};
