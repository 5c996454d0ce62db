import { defineConfig } from "tsup";
import { packageBuild } from "@blue/build";

export default defineConfig(packageBuild({ index: "src/index.ts" }));
