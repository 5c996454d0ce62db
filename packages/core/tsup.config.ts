import { defineConfig } from "tsup";
import { packageBuild } from "@blue/build";

export default defineConfig(
  packageBuild(
    {
      index: "src/index.ts",
      "engine/index": "src/engine.ts",
      "conformance/index": "src/conformance/index.ts",
      "conformance/jest": "src/conformance/adapters/jest.ts",
      "conformance/vitest": "src/conformance/adapters/vitest.ts",
      "conformance/node-test": "src/conformance/adapters/node-test.ts",
      "conformance/worker": "src/conformance/processes/worker.ts",
    },
    // shims: the kit finds its worker script from __filename, also in the ESM build.
    { external: ["vitest", "fast-check"], shims: true },
  ),
);
