import { createStorage, type BlueConfig } from "@blue/store-config";
import { NotSupportedError } from "@blue/store-core";
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
    throw new NotSupportedError(
      `conformance cannot isolate the ${engine.name} engine: its descriptor has no isolate() and removeNamespace()`,
      {
        details: { backend: config.backend, engine: engine.name },
      },
    );
  }
  const run = `conformance_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const namespaces = new Map<string, Settings>();
  const remove = async (namespace: string) => {
    const settings = namespaces.get(namespace);
    if (settings === undefined) return;
    await removeNamespace(settings);
    namespaces.delete(namespace);
  };
  return {
    name: engine.name,
    async open({ namespace, clock, fresh }) {
      if (fresh) await remove(namespace);
      let settings = namespaces.get(namespace);
      if (settings === undefined) {
        settings = Object.freeze(await isolate(config.settings, `${run}_${namespace.replace(/-/g, "_")}`)) as Settings;
        namespaces.set(namespace, settings);
      }
      return createStorage({ ...config, settings }, { clock });
    },
    async destroy({ namespace }) {
      await remove(namespace);
    },
    async teardown() {
      for (const namespace of [...namespaces.keys()]) await remove(namespace);
    },
  };
}
