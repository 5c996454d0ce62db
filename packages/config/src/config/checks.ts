/**
 * Checks of single setting values, shared by the config file and the environment overrides.
 * Each returns what is wrong with the value (a sentence fragment), or undefined when it is fine.
 */

/** The longest table prefix, as `@blue/store-dynamodb` accepts it: DynamoDB table names
 * hold at most 255 characters and the backend appends its own table name. */
export const MAX_TABLE_PREFIX_LENGTH = 200;

export function checkSqlitePath(path: string): string | undefined {
  if (path.length === 0) return 'the path is empty; expected a database file path such as ".blue/blue.db"';
  if (path.includes("\0")) return "the path contains a NUL character";
  if (path.trim() !== path) return `the path ${JSON.stringify(path)} starts or ends with whitespace`;
  if (/[\\/]$/.test(path) || path === "." || path === "..") {
    return `the path ${JSON.stringify(path)} names a folder; expected a database file path such as ".blue/blue.db"`;
  }
  return undefined;
}

export function checkEndpoint(endpoint: string): string | undefined {
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

export function checkRegion(region: string): string | undefined {
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region) && region.length <= 64) return undefined;
  return `${JSON.stringify(region)} is not an AWS region name; expected lower-case words joined by "-", such as "us-east-1"`;
}

export function checkTablePrefix(prefix: string): string | undefined {
  const bad = /[^A-Za-z0-9_.-]/u.exec(prefix);
  if (bad !== null) {
    return `${JSON.stringify(prefix)} contains ${JSON.stringify(bad[0])}; DynamoDB table names allow only ASCII letters, digits, "_", "-" and "."`;
  }
  if (prefix.length > MAX_TABLE_PREFIX_LENGTH) {
    return `the table prefix is ${prefix.length} characters long; at most ${MAX_TABLE_PREFIX_LENGTH} leave room for the table names (DynamoDB allows 255)`;
  }
  return undefined;
}

export function checkBusyTimeout(ms: number): string | undefined {
  if (Number.isSafeInteger(ms) && ms >= 0 && ms <= 2_147_483_647) return undefined;
  return `expected a whole number of milliseconds from 0 to 2147483647, found ${ms}`;
}

/** `shards` of [storage.dynamodb]: what @blue/store-dynamodb accepts (1 to 256). */
export function checkShards(n: number): string | undefined {
  if (Number.isSafeInteger(n) && n >= 1 && n <= 256) return undefined;
  return `expected a whole number of shards from 1 to 256, found ${n}`;
}

export function checkModule(specifier: string): string | undefined {
  if (specifier.trim().length === 0) return 'the module is empty; expected a package name or a path such as "./my-backend.mjs"';
  return undefined;
}

export function checkSynchronous(mode: string): string | undefined {
  if (mode === "full" || mode === "normal") return undefined;
  return `${JSON.stringify(mode)} is not a sync mode; expected "full" (commits survive power loss) or "normal" (faster; commits survive a process crash)`;
}
