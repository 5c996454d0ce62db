// A custom engine module an application might write: ESM, exporting an engine descriptor.
import { createMemoryStorage } from "@blue/store-core";

export const engine = {
  name: "custom",
  settings: { flavour: { type: "string", default: "plain" } },
  async open(settings, { clock }) {
    return createMemoryStorage({ name: `custom-${settings.flavour}`, clock });
  },
};
