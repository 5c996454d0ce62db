import { ConfigError, isStoreError, type StorageBackend } from "@blue/store-core";
import { asStoreError } from "@blue/store-core/engine";
import { loadConfig, type LoadConfigOptions } from "../config/load";
import type { BlueConfig } from "../config/types";
import { descriptorProblem } from "../engines/descriptor-shape";
import { missingBackendMembers } from "../engines/storage-shape";
import { assertTrusted } from "../trust/file-trust";

/** Options of `createStorage`. */
export interface CreateStorageOptions {
  /** The store's clock; defaults to `() => new Date()`. */
  clock?: () => Date;
  /**
   * true (default): create what is missing as the config says (the SQLite file and its folder;
   * the DynamoDB table when `create_tables`). false: open existing storage only — a missing
   * database or table is a ConfigError with `details.missing: true` and nothing is created
   * (read-only tools, dry runs). Custom engines get the flag in their open context.
   */
  create?: boolean;
}

/**
 * Opens the storage `config` selects through its engine's descriptor: `engine.open(settings)`.
 * A config file that other users could change is refused (CONFIG); an engine that throws
 * something other than a StoreError, or returns something that is not a StorageBackend,
 * is reported as such.
 */
export async function createStorage(config: BlueConfig, options: CreateStorageOptions = {}): Promise<StorageBackend> {
  const { clock, create = true } = options;
  // Also for a config parsed from a file by other means than loadConfig (e.g. a migration target).
  if (config.source !== null) await assertTrusted(config.source, "the config file");
  const problem = descriptorProblem(config.engine);
  if (problem !== undefined) {
    throw new ConfigError(`config.engine is not an engine descriptor (${problem}); build the config with parseConfig or loadConfig`, {
      details: { backend: config.backend },
    });
  }
  const { engine } = config;
  let backend: unknown;
  try {
    backend = await engine.open(config.settings, {
      ...(clock === undefined ? {} : { clock }),
      create,
      projectRoot: config.projectRoot,
      configFile: config.source,
    });
  } catch (e) {
    if (isStoreError(e)) throw e;
    throw asStoreError(e, `the ${JSON.stringify(engine.name)} engine failed to open`);
  }
  const missing = missingBackendMembers(backend);
  if (missing.length > 0) {
    const got = typeof backend === "object" && backend !== null ? "an object" : String(backend);
    throw new ConfigError(
      `the ${JSON.stringify(engine.name)} engine's open() returned ${got}, which is not a StorageBackend (missing: ${missing.join(", ")})`,
      {
        details: { backend: config.backend, engine: engine.name, ...(config.module === undefined ? {} : { module: config.module }) },
      },
    );
  }
  return backend as StorageBackend;
}

/** Options of `openStorage`. */
export interface OpenStorageOptions extends LoadConfigOptions, CreateStorageOptions {}

/** `loadConfig` then `createStorage`: the storage of the project around `cwd`. */
export async function openStorage(options: OpenStorageOptions = {}): Promise<StorageBackend> {
  const config = await loadConfig(options);
  return createStorage(config, {
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.create === undefined ? {} : { create: options.create }),
  });
}
