import { chmodSync, existsSync } from "node:fs";
import { defineConfig } from "tsup";
import { packageBuild } from "@blue/build";

// The library entry (index) and the `blue-store` executable (bin). src/bin.ts starts with a
// `#!/usr/bin/env node` line, which esbuild keeps at the top of dist/bin.cjs.
export default defineConfig(
  packageBuild(
    { index: "src/index.ts", bin: "src/bin.ts" },
    {
      async onSuccess() {
        if (existsSync("dist/bin.cjs")) chmodSync("dist/bin.cjs", 0o755);
      },
    },
  ),
);
