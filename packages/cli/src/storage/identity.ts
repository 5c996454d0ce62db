import type { BlueConfig } from "@blue/store-config";

/**
 * What a configuration's data *is*, not how it is spelled, as its engine's descriptor tells
 * (`identity`): e.g. a SQLite file's device and inode, a DynamoDB endpoint, region and table.
 * Undefined when the engine cannot tell (memory, custom engines without `identity`).
 */
export function storageIdentity(config: BlueConfig): string | undefined {
  const id = config.engine.identity?.(config.settings);
  return id === undefined ? undefined : `${config.engine.name}|${id}`;
}

/** True when two configurations name the same data (a migration onto itself). */
export function sameStorage(a: BlueConfig, b: BlueConfig): boolean {
  const x = storageIdentity(a);
  return x !== undefined && x === storageIdentity(b);
}
