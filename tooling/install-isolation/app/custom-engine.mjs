// A custom engine module an application might write: ESM, exporting createStorage(options).
import { createMemoryStorage } from "@blue/store-core";

export function createStorage(options) {
  return createMemoryStorage({ name: `custom-${options.flavour}`, clock: options.clock });
}
