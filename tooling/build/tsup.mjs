// The one build recipe every published package uses: dual ESM/CJS output for Node 20,
// with type declarations for both (.d.mts / .d.cts).
/** @param {Record<string, string>} entry  output name -> source file */
export function packageBuild(entry, extra = {}) {
  return {
    entry,
    format: ["esm", "cjs"],
    target: "node20",
    platform: "node",
    dts: true,
    clean: true,
    sourcemap: false,
    splitting: true,
    treeshake: true,
    // Keep `node:` specifiers: `node:test` exists only under that name.
    removeNodeProtocol: false,
    outExtension: ({ format }) => ({ js: format === "esm" ? ".mjs" : ".cjs" }),
    ...extra,
  };
}
