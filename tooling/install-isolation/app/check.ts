// Type-checked with skipLibCheck off: the published types of @blue/store-config must stand
// on their own, whichever optional engine (if any) is installed.
import {
  BackendNotInstalledError,
  isStoreError,
  loadConfig,
  openStorage,
  parseConfig,
  type BlueConfig,
  type EngineDescriptor,
} from "@blue/store-config";
import type { StorageBackend } from "@blue/store-core";

export async function main(): Promise<string> {
  const config: BlueConfig = await loadConfig({ cwd: process.cwd() });
  const parsed: BlueConfig = await parseConfig('[storage]\nbackend = "memory"\n', { source: "inline.toml" });
  const engine: EngineDescriptor = parsed.engine;
  try {
    const storage: StorageBackend = await openStorage();
    await storage.close();
  } catch (e) {
    if (e instanceof BackendNotInstalledError || isStoreError(e, "BACKEND_NOT_INSTALLED")) return "not installed";
    throw e;
  }
  return `${config.backend} ${String(config.settings.path)} ${engine.name} ${parsed.backend}`;
}
