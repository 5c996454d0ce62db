import { relative } from "node:path";
import type { BlueConfig } from "@blue/store-config";

/** What the CLI may print about a configuration: never credentials, never URL user info. */
export interface ConfigDescription {
  backend: string;
  /** The config file, or "(embedded default)". */
  source: string;
  projectRoot: string;
  overrides: string[];
  settings: Record<string, string | boolean>;
}

/** Drops `user:password@` (and query strings, which may carry tokens) from an endpoint URL. */
export function redactEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = "";
    url.password = "";
    url.search = "";
    return url.toString().replace(/\/$/, "");
  } catch {
    return "(unparsable endpoint)";
  }
}

/** The printable facts of a configuration for `doctor`, `init` and `migrate`. */
export function describeConfig(config: BlueConfig, cwd: string): ConfigDescription {
  const settings: Record<string, string | boolean> = {};
  if (config.backend === "sqlite") settings.path = relative(cwd, config.sqlite.path) || config.sqlite.path;
  if (config.backend === "dynamodb") {
    settings.tablePrefix = config.dynamodb.tablePrefix;
    settings.region = config.dynamodb.region;
    if (config.dynamodb.endpoint !== undefined) settings.endpoint = redactEndpoint(config.dynamodb.endpoint);
    settings.createTables = config.dynamodb.createTables;
  }
  if (config.backend === "custom" && config.custom) settings.module = config.custom.module;
  return {
    backend: config.backend,
    source: config.source ?? "(embedded default)",
    projectRoot: config.projectRoot,
    overrides: [...config.overrides],
    settings,
  };
}

/** One line: `sqlite .blue/blue.db` or `dynamodb prefix blue_ in us-east-1 at http://…`. */
export function describeLine(d: ConfigDescription): string {
  const s = d.settings;
  if (d.backend === "sqlite") return `sqlite ${String(s.path)}`;
  if (d.backend === "dynamodb") return `dynamodb tables ${String(s.tablePrefix)}* in ${String(s.region)}${s.endpoint ? ` at ${String(s.endpoint)}` : ""}`;
  if (d.backend === "custom") return `custom backend ${String(s.module ?? "")}`;
  return d.backend;
}
