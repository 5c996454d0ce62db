import { ConfigError, createMemoryStorage, type StorageBackend } from "@blue/store-core";
import { loadConfig, type LoadConfigOptions } from "../config/load";
import { BACKEND_NAMES, type BlueConfig } from "../config/types";
import { openCustomEngine } from "../engines/custom";
import { openDynamoEngine } from "../engines/dynamodb";
import { openSqliteEngine } from "../engines/sqlite";
import { assertTrusted } from "../trust/file-trust";

/** Options of `createStorage`. */
export interface CreateStorageOptions {
  /** The store's clock; defaults to `() => new Date()`. */
  clock?: () => Date;
  /**
   * true (default): create what is missing as the config says (the SQLite file and its folder;
   * the DynamoDB table when `create_tables`). false: open existing storage only — a missing
   * database or table is a ConfigError with `details.missing: true` and nothing is created
   * (read-only tools, dry runs). Custom modules open as they always do.
   */
  create?: boolean;
}

/**
 * Opens the backend `config` selects. The SQLite and DynamoDB engines are optional peer
 * packages, imported only here and only when configured: one that is not installed is a
 * BackendNotInstalledError (code BACKEND_NOT_INSTALLED) with the install commands. A config
 * file, or custom engine module, that other users could change is refused (CONFIG).
 */
export async function createStorage(config: BlueConfig, options: CreateStorageOptions = {}): Promise<StorageBackend> {
  const { clock, create = true } = options;
  // Also for a config parsed from a file by other means than loadConfig (e.g. a migration target).
  if (config.source !== null) await assertTrusted(config.source, "the config file");
  switch (config.backend) {
    case "memory":
      return createMemoryStorage(clock === undefined ? {} : { clock });
    case "sqlite":
      return openSqliteEngine(config.sqlite, clock, create);
    case "dynamodb":
      return openDynamoEngine(config.dynamodb, clock, create);
    case "custom":
      if (config.custom === undefined) {
        throw new ConfigError('backend "custom" needs custom.module (the [storage.custom] table of .blue/config.toml)', {
          details: { key: "storage.custom.module" },
        });
      }
      return openCustomEngine(config, config.custom, clock);
    default:
      throw new ConfigError(
        `unknown backend ${JSON.stringify((config as { backend: unknown }).backend)} (known backends: ${BACKEND_NAMES.join(", ")})`,
        { details: { key: "storage.backend" } },
      );
  }
}

/** Options of `openStorage`. */
export interface OpenStorageOptions extends LoadConfigOptions, CreateStorageOptions {}

/** `loadConfig` then `createStorage`: the storage of the project around `cwd`. */
export async function openStorage(options: OpenStorageOptions = {}): Promise<StorageBackend> {
  const config = await loadConfig(options);
  return createStorage(config, options.clock === undefined ? {} : { clock: options.clock });
}
