// The published kit's node:test adapter, loaded with require() (the CJS build): registers the
// dialogue cases against the same inline backend as conformance.mjs. Run with `node --test`.
const { createMemoryStorage } = require("@blue/store-core");
const { describeConformance } = require("@blue/store-core/conformance/node-test");

describeConformance(
  {
    name: "inline-memory (node:test, CJS)",
    create: async ({ clock }) => createMemoryStorage({ clock, name: "inline-memory" }),
    destroy: async (backend) => backend.close(),
  },
  { filter: /^dialogues\./ },
);
