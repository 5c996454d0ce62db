import type { StorageBackend } from "./stores";

/**
 * The contract between `@blue/store-config` (and the CLI) and a storage engine: what the
 * engine is called, which settings it takes in `.blue/config.toml`, how it opens from checked
 * settings, and how tools give it an isolated namespace. Each engine package exports one as
 * `engine`; so does a custom engine module named in `[storage.custom] module`. See
 * docs/writing-an-engine.md.
 */
export interface EngineDescriptor<S extends EngineSettings = EngineSettings> {
  /** The engine's name, as `StorageBackend.name` reports it ("sqlite", "dynamodb", …). */
  readonly name: string;
  /**
   * Every setting, keyed by its property name in the settings object the engine receives.
   * Config reads each from the engine's TOML table, checks it, applies its environment
   * override and default, and rejects keys the engine does not declare ("did you mean").
   */
  readonly settings: { readonly [K in keyof S]-?: SettingSpec };
  /** Opens the storage from checked settings. Throws StoreErrors (ConfigError for a bad file or table). */
  open(settings: S, context: EngineOpenContext): Promise<StorageBackend>;
  /**
   * Settings for a fresh, empty namespace of this engine next to (never inside) the configured
   * data: a temporary database file, a table prefix of its own. The conformance kit and the
   * CLI open backends over them, then call `removeNamespace`. Without it the engine cannot be
   * tested in isolation by `blue-store conformance`.
   */
  isolate?(settings: S, namespace: string): S | Promise<S>;
  /** Deletes everything stored under settings `isolate` returned (after every backend on it closed). */
  removeNamespace?(settings: S): Promise<void>;
  /** What tools may print about the settings (never credentials): one line and its facts. */
  describe?(settings: S, context: { cwd: string }): EngineDescription;
  /**
   * What the settings' data *is*, independent of spelling (a file's device and inode, a
   * normalised endpoint and table), so `blue-store migrate` can refuse to copy onto itself.
   * Undefined when it cannot be told.
   */
  identity?(settings: S): string | undefined;
  /** Engine-specific health checks `blue-store doctor` runs on an opened backend. */
  doctor?(settings: S, backend: StorageBackend): Promise<EngineCheck[]>;
}

/** The settings object an engine receives: property name → checked value. */
export type EngineSettings = object;

/** What `EngineDescriptor.open` gets besides the settings. */
export interface EngineOpenContext {
  /** The store's clock; undefined: the engine's default (`() => new Date()`). */
  clock?: () => Date;
  /**
   * true: create what is missing as the settings say (a database file, a table when asked to).
   * false: open existing storage only; missing storage is a ConfigError with `details.missing`.
   */
  create: boolean;
  /** The folder that holds `.blue/`. */
  projectRoot: string;
  /** The config file the settings came from, or null (embedded default, built in code). */
  configFile: string | null;
}

/** The TOML type of a setting. */
export type SettingType = "string" | "integer" | "boolean";

/** One setting of an engine: its TOML key and type, default, checks and environment override. */
export interface SettingSpec {
  /** The key in the engine's TOML table (`busy_timeout_ms`). Default: the property name. */
  readonly key?: string;
  readonly type: SettingType;
  /** Used when neither the file nor the environment sets it; no default: the setting is optional. */
  readonly default?: string | number | boolean;
  /** A string setting's allowed values, each with what it means (shown in the error). */
  readonly values?: Readonly<Record<string, string>>;
  /** What an enumerated value is called in errors: `"off" is not a sync mode`. */
  readonly noun?: string;
  /** An integer setting's inclusive range. */
  readonly min?: number;
  readonly max?: number;
  /** What an integer counts, in the range error: "a whole number of milliseconds from 0 to …". */
  readonly unit?: string;
  /** Any further rule: what is wrong with the value (a sentence fragment), or undefined. */
  readonly check?: (value: never) => string | undefined;
  /** An environment variable that overrides the file's value, checked like it (`BLUE_SQLITE_PATH`). */
  readonly env?: string;
  /** Variables read, in order, only when neither the file nor `env` sets it (`AWS_REGION`). */
  readonly envFallback?: readonly string[];
  /** Turns a checked value into the one the engine gets (e.g. a path made absolute). */
  readonly resolve?: (value: never, context: { projectRoot: string }) => unknown;
  /** One line for docs and `describe`. */
  readonly description?: string;
}

/** The printable facts of an engine's settings. */
export interface EngineDescription {
  /** One line: `sqlite .blue/blue.db`, `dynamodb tables blue_* in us-east-1`. */
  line: string;
  facts: Record<string, string | number | boolean>;
}

/** One finding of `EngineDescriptor.doctor`. */
export interface EngineCheck {
  name: string;
  ok: boolean;
  detail: string;
  hint?: string;
}

/** Declares an engine descriptor with its settings type inferred (an identity function for type checking). */
export function defineEngine<S extends EngineSettings>(descriptor: EngineDescriptor<S>): EngineDescriptor<S> {
  return descriptor;
}
