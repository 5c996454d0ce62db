import { BackendNotInstalledError, InternalError, memoryEngine, type EngineDescriptor } from "@blue/store-core";
import { ENGINE_PACKAGES, type BackendName } from "../config/types";
import { loadCustomEngine } from "./custom";
import { asDescriptor, engineExport } from "./descriptor-shape";
import { importModule, isModuleNotFound } from "./import-module";

/** The commands that install an engine's package. */
export function installCommands(packageName: string): { pnpm: string; npm: string } {
  return { pnpm: `pnpm add ${packageName}`, npm: `npm install ${packageName}` };
}

/** Where a custom engine's module is named. */
export interface CustomEngineRef {
  module: string;
  projectRoot: string;
  source: string | null;
}

/**
 * The descriptor of the engine `backend` names: core's memory engine, the `engine` export of
 * a built-in engine's package (imported only now, only when configured), or of the custom
 * module. A package that is not installed is a BackendNotInstalledError with the install
 * commands; one that does not export a descriptor is an InternalError.
 */
export async function loadEngine(backend: BackendName, custom?: CustomEngineRef): Promise<EngineDescriptor> {
  if (backend === "memory") return memoryEngine as EngineDescriptor;
  if (backend === "custom") {
    if (custom === undefined) throw new InternalError('loadEngine: backend "custom" needs its module');
    return loadCustomEngine(custom.module, custom.projectRoot, custom.source);
  }
  const packageName = (ENGINE_PACKAGES as Partial<Record<string, string>>)[backend];
  if (packageName === undefined) throw new InternalError(`loadEngine: no package for backend ${JSON.stringify(backend)}`);
  return loadEnginePackage(backend, packageName);
}

/** Imports an engine package and returns its `engine` export. */
export async function loadEnginePackage(backend: string, packageName: string): Promise<EngineDescriptor> {
  let namespace: Awaited<ReturnType<typeof importModule>>;
  try {
    namespace = await importModule(packageName);
  } catch (e) {
    if (isModuleNotFound(e, packageName)) {
      const install = installCommands(packageName);
      throw new BackendNotInstalledError(
        `the "${backend}" backend is configured, but its package ${packageName} is not installed; ` +
          `install it with \`${install.pnpm}\` or \`${install.npm}\``,
        { cause: e, details: { backend, package: packageName, install } },
      );
    }
    const reason = e instanceof Error ? e.message : String(e);
    throw new InternalError(`${packageName} is installed but failed to load: ${reason}`, {
      cause: e,
      details: { backend, package: packageName },
    });
  }
  return asDescriptor(
    engineExport(namespace),
    (problem) =>
      new InternalError(
        `${packageName} does not export an engine descriptor \`engine\` (${problem}); install a version compatible with @blue/store-config`,
        {
          details: { backend, package: packageName },
        },
      ),
  );
}
