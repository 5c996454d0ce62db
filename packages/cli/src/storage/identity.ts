import { realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { BlueConfig } from "@blue/store-config";

/**
 * What a configuration's data *is*, not how its path is spelled: for SQLite the database
 * file's device and inode after resolving symbolic links (a hard link, a symlinked folder,
 * `..` segments and BLUE_SQLITE_PATH all name the same file); for a file that does not exist
 * yet, its real folder and name. For DynamoDB the endpoint (normalised; the region's AWS
 * endpoint when none), the region and the table. Undefined when it cannot be told (memory,
 * custom modules).
 */
export function storageIdentity(config: BlueConfig): string | undefined {
  if (config.backend === "sqlite") return sqliteIdentity(config.sqlite.path);
  if (config.backend === "dynamodb") {
    const d = config.dynamodb;
    return `dynamodb:${normalizeEndpoint(d.endpoint, d.region)}|${d.region}|${d.tablePrefix}store`;
  }
  return undefined;
}

function sqliteIdentity(path: string): string | undefined {
  if (path === ":memory:") return undefined;
  try {
    const st = statSync(realpathSync(path));
    return `sqlite:${st.dev}:${st.ino}`;
  } catch {
    // Not there yet: the same file only if its real folder and name are the same.
    try {
      return `sqlite-new:${join(realpathSync(dirname(path)), basename(path))}`;
    } catch {
      return `sqlite-new:${path}`;
    }
  }
}

function normalizeEndpoint(endpoint: string | undefined, region: string): string {
  if (endpoint === undefined) return normalizeEndpoint(`https://dynamodb.${region}.amazonaws.com`, region);
  try {
    const url = new URL(endpoint);
    const port = url.port || (url.protocol === "https:" ? "443" : "80");
    const host = url.hostname.toLowerCase().replace(/^localhost$|^\[::1\]$/, "127.0.0.1");
    return `${url.protocol}//${host}:${port}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return endpoint;
  }
}

/** True when two configurations name the same data (a migration onto itself). */
export function sameStorage(a: BlueConfig, b: BlueConfig): boolean {
  const x = storageIdentity(a);
  return x !== undefined && x === storageIdentity(b);
}
