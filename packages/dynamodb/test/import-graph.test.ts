import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = resolve(__dirname, "..", "src");

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Each source file's relative imports that load code (type-only imports are erased). */
function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  const files = new Set(sources(SRC));
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+"(\.{1,2}\/[^"]+)"/gms)].map(
      (m) => `${resolve(dirname(file), m[1]!)}.ts`,
    );
    edges.set(
      file,
      targets.map((t) => (files.has(t) ? t : t.replace(/\.ts$/, "/index.ts"))),
    );
  }
  return edges;
}

describe("the package's import graph", () => {
  it("has no cycle (backend.ts and the stores once imported each other through DynamoDialogueStore.newLocal)", () => {
    const edges = graph();
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(" -> "));
        return;
      }
      state.set(file, "open");
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of edges.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
