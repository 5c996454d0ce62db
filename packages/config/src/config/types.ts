/** The storage engines `.blue/config.toml` can select. */
export type BackendName = "memory" | "sqlite" | "dynamodb" | "custom";

/** Every backend name, in the order error messages list them. */
export const BACKEND_NAMES: readonly BackendName[] = ["memory", "sqlite", "dynamodb", "custom"];

/** `[storage.sqlite]`: the embedded SQLite database. */
export interface SqliteSettings {
  /** Absolute path of the database file (`path` resolved against the project root). */
  readonly path: string;
  /** How long a writer waits for a lock held by another process (`busy_timeout_ms`). */
  readonly busyTimeoutMs?: number;
  /** "full" (the engine's default): commits survive power loss; "normal": faster, commits
   * survive a crash of the process (`synchronous`). */
  readonly synchronous?: "full" | "normal";
}

/** `[storage.dynamodb]`: Amazon DynamoDB (or DynamoDB Local). */
export interface DynamoSettings {
  /** Prepended to every table name (`table_prefix`, default "blue_"). */
  readonly tablePrefix: string;
  /** AWS region (`region`; default $AWS_REGION, $AWS_DEFAULT_REGION, else "us-east-1").
   * Credentials never live in the config: the AWS SDK's default provider chain supplies them. */
  readonly region: string;
  /** An http(s) endpoint such as DynamoDB Local's "http://127.0.0.1:8000" (`endpoint`). */
  readonly endpoint?: string;
  /** Create missing tables when the storage opens (`create_tables`, default false). */
  readonly createTables: boolean;
  /** Partition keys per sharded listing and counter (`shards`, 1–256; unset: the table's
   * recorded count, or @blue/store-dynamodb's default for a new table). */
  readonly shards?: number;
}

/** A JSON-like value read from TOML (dates arrive as `Date` objects). */
export type CustomOptionValue =
  | string
  | number
  | boolean
  | Date
  | readonly CustomOptionValue[]
  | { readonly [key: string]: CustomOptionValue };

/** `[storage.custom]`: a module of the application's own that exports `createStorage(options)`. */
export interface CustomSettings {
  /** A package name, or a path relative to the project root ("./my-backend.mjs"), as written. */
  readonly module: string;
  /** Every other key of `[storage.custom]`, passed to `createStorage(options)`. */
  readonly options: { readonly [key: string]: CustomOptionValue };
}

/**
 * A validated storage configuration: the `[storage]` table of `.blue/config.toml` with
 * defaults filled in, environment overrides applied and relative paths made absolute.
 */
export interface BlueConfig {
  /** The engine `createStorage` opens. */
  readonly backend: BackendName;
  /** The folder that holds `.blue/`; relative paths resolve against it. */
  readonly projectRoot: string;
  /** The config file read, or null for the embedded default (no file anywhere). */
  readonly source: string | null;
  /** The environment variables that overrode the file, e.g. ["BLUE_STORAGE_BACKEND"]. */
  readonly overrides: readonly string[];
  readonly sqlite: SqliteSettings;
  readonly dynamodb: DynamoSettings;
  /** Present when `[storage.custom]` is. Required for `backend = "custom"`. */
  readonly custom?: CustomSettings;
}

/** Environment variables, as in `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;
