import { createStorage, type BlueConfig } from "@blue/store-config";
import { NotSupportedError, type StorageBackend } from "@blue/store-core";
import type { ConformanceHarness } from "@blue/store-core/conformance";

type Settings = BlueConfig["settings"];

/**
 * A conformance harness over the configured engine in isolated namespaces its descriptor
 * provides (`isolate`: e.g. a temporary SQLite file, a DynamoDB table prefix of its own) and
 * removes (`removeNamespace`) when each case ends. The project's own data is never touched.
 */
export function harnessFor(config: BlueConfig): ConformanceHarness {
  const { engine } = config;
  const { isolate, removeNamespace } = engine;
  if (isolate === undefined || removeNamespace === undefined) {
    throw new NotSupportedError(`conformance cannot isolate the ${engine.name} engine: its descriptor has no isolate() and removeNamespace()`, {
      details: { backend: config.backend, engine: engine.name },
    });
  }
  const run = `conformance_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  let count = 0;
  const live = new Set<Settings>();
  const where = new WeakMap<StorageBackend, { settings: Settings; clock: () => Date }>();
  const open = async (settings: Settings, clock: () => Date) => {
    const backend = await createStorage({ ...config, settings }, { clock });
    where.set(backend, { settings, clock });
    return backend;
  };
  const remove = async (settings: Settings) => {
    await removeNamespace(settings);
    live.delete(settings);
  };
  return {
    name: engine.name,
    async create({ clock }) {
      const settings = Object.freeze(await isolate(config.settings, `${run}_${++count}`)) as Settings;
      live.add(settings);
      return open(settings, clock);
    },
    // Another backend over the same namespace (the kit closes the first itself when it should).
    async reopen(backend) {
      const at = where.get(backend)!;
      return open(at.settings, at.clock);
    },
    async destroy(backend) {
      await backend.close();
      const at = where.get(backend);
      if (at) await remove(at.settings);
    },
    async teardown() {
      for (const settings of [...live]) await remove(settings);
    },
  };
}
