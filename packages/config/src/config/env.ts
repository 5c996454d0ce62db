import { checkEndpoint, checkRegion, checkSqlitePath, checkTablePrefix } from "./checks";
import { configProblem } from "./problem";
import { backendProblem, type FileSettings } from "./settings";
import type { BackendName, Environment } from "./types";

/** An environment variable that overrides one setting of the config file. */
interface Override {
  variable: string;
  path: string[];
  check: (value: string) => string | undefined;
  apply: (settings: FileSettings, value: string) => void;
}

/** The environment overrides, applied over the file (or the embedded default) in this order. */
export const ENV_OVERRIDES: readonly Override[] = [
  {
    variable: "BLUE_STORAGE_BACKEND",
    path: ["storage", "backend"],
    check: backendProblem,
    apply: (s, v) => void (s.backend = v as BackendName),
  },
  {
    variable: "BLUE_SQLITE_PATH",
    path: ["storage", "sqlite", "path"],
    check: checkSqlitePath,
    apply: (s, v) => void (s.sqlite.path = v),
  },
  {
    variable: "BLUE_DYNAMODB_ENDPOINT",
    path: ["storage", "dynamodb", "endpoint"],
    check: checkEndpoint,
    apply: (s, v) => void (s.dynamodb.endpoint = v),
  },
  {
    variable: "BLUE_DYNAMODB_REGION",
    path: ["storage", "dynamodb", "region"],
    check: checkRegion,
    apply: (s, v) => void (s.dynamodb.region = v),
  },
  {
    variable: "BLUE_DYNAMODB_TABLE_PREFIX",
    path: ["storage", "dynamodb", "table_prefix"],
    check: checkTablePrefix,
    apply: (s, v) => void (s.dynamodb.tablePrefix = v),
  },
];

/** The names of the environment variables that override settings. */
export const ENV_VARIABLES: readonly string[] = ENV_OVERRIDES.map((o) => o.variable);

/**
 * Applies every set override to `settings` (in place), checking each value exactly as the
 * file's value is checked; a bad value is a ConfigError naming the variable. An empty
 * variable is a value too (and fails the check): unset it to fall back to the file.
 * Returns the variables applied.
 */
export function applyEnvOverrides(settings: FileSettings, env: Environment): string[] {
  const applied: string[] = [];
  for (const override of ENV_OVERRIDES) {
    const value = env[override.variable];
    if (value === undefined) continue;
    const problem = override.check(value);
    if (problem !== undefined) throw configProblem({ kind: "env", variable: override.variable, path: override.path }, problem);
    override.apply(settings, value);
    applied.push(override.variable);
  }
  return applied;
}

/**
 * The region when neither the file nor BLUE_DYNAMODB_REGION sets one: the AWS SDK's own
 * variables AWS_REGION, then AWS_DEFAULT_REGION, else undefined. A malformed value is an
 * error naming the variable when the DynamoDB backend is selected, and ignored otherwise.
 */
export function awsRegionFromEnv(env: Environment, backend: BackendName): string | undefined {
  for (const variable of ["AWS_REGION", "AWS_DEFAULT_REGION"]) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const problem = checkRegion(value);
    if (problem === undefined) return value;
    if (backend === "dynamodb") throw configProblem({ kind: "env", variable, path: ["storage", "dynamodb", "region"] }, problem);
  }
  return undefined;
}
