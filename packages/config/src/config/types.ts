import type { EngineDescriptor } from "@blue/store-core";

/**
 * The built-in engines shipped as packages, and the package that exports each one's descriptor
 * as `engine` (imported only when configured). The one place config names an engine: a new
 * built-in engine is one line here (and an optional peer dependency).
 */
export const ENGINE_PACKAGES = {
  sqlite: "@blue/store-sqlite",
  dynamodb: "@blue/store-dynamodb",
} as const;

/** The engines `.blue/config.toml` can name: core's memory engine, the packaged ones, or "custom" (a module of the application's own). */
export type BackendName = "memory" | keyof typeof ENGINE_PACKAGES | "custom";

/** Every backend name, in the order error messages list them. */
export const BACKEND_NAMES: readonly BackendName[] = [
  "memory",
  ...(Object.keys(ENGINE_PACKAGES) as Array<keyof typeof ENGINE_PACKAGES>),
  "custom",
];

/** A checked settings value as an engine receives it. */
export type SettingValue = string | number | boolean;

/**
 * A validated storage configuration: the `[storage]` table of `.blue/config.toml` with the
 * selected engine's settings checked against its descriptor, defaults filled in,
 * environment overrides applied and relative paths made absolute.
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
  /** The selected engine's descriptor (from its package, core, or the custom module). */
  readonly engine: EngineDescriptor;
  /**
   * The engine's checked settings, keyed by the descriptor's property names
   * (`{ path }` for SQLite, `{ tablePrefix, region, … }` for DynamoDB); unset optional ones are absent.
   */
  readonly settings: Readonly<Record<string, SettingValue>>;
  /** For `backend = "custom"`: `[storage.custom] module`, as written. */
  readonly module?: string;
}

/** Environment variables, as in `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;
