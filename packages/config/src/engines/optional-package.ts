import { BackendNotInstalledError, InternalError } from "@blue/store-core";
import { functionExport, importModule, isModuleNotFound } from "./import-module";

/** An engine shipped as an optional peer package of `@blue/store-config`. */
export interface OptionalEngine {
  /** The backend name in `.blue/config.toml`. */
  backend: string;
  /** The npm package that implements it. */
  packageName: string;
  /** The function the package exports to open the storage. */
  factory: string;
}

export const SQLITE_ENGINE: OptionalEngine = { backend: "sqlite", packageName: "@blue/store-sqlite", factory: "openSqliteStorage" };
export const DYNAMODB_ENGINE: OptionalEngine = { backend: "dynamodb", packageName: "@blue/store-dynamodb", factory: "openDynamoStorage" };

/** The commands that install an engine's package. */
export function installCommands(packageName: string): { pnpm: string; npm: string } {
  return { pnpm: `pnpm add ${packageName}`, npm: `npm install ${packageName}` };
}

/**
 * Loads an engine's factory with a dynamic import, only when the engine is configured.
 * Not installed: BackendNotInstalledError (BACKEND_NOT_INSTALLED) naming the package and
 * the install commands. Installed but unloadable or without the factory: InternalError.
 */
export async function loadEngineFactory<F>(engine: OptionalEngine): Promise<F> {
  let namespace: Awaited<ReturnType<typeof importModule>>;
  try {
    namespace = await importModule(engine.packageName);
  } catch (e) {
    if (isModuleNotFound(e, engine.packageName)) {
      const install = installCommands(engine.packageName);
      throw new BackendNotInstalledError(
        `the "${engine.backend}" backend is configured, but its package ${engine.packageName} is not installed; ` +
          `install it with \`${install.pnpm}\` or \`${install.npm}\``,
        { cause: e, details: { backend: engine.backend, package: engine.packageName, install } },
      );
    }
    const reason = e instanceof Error ? e.message : String(e);
    throw new InternalError(`${engine.packageName} is installed but failed to load: ${reason}`, {
      cause: e,
      details: { backend: engine.backend, package: engine.packageName },
    });
  }
  const factory = functionExport(namespace, engine.factory);
  if (factory === undefined) {
    throw new InternalError(
      `${engine.packageName} does not export ${engine.factory}(); install a version compatible with @blue/store-config`,
      { details: { backend: engine.backend, package: engine.packageName } },
    );
  }
  return factory as F;
}
