#!/usr/bin/env node
// The API reference: TypeDoc over the TSDoc comments of every public entry of every published
// package, into docs/api/ (generated, not committed: `pnpm docs:api`; CI generates it with
// --check, where any TypeDoc warning fails the run).
//
// The entry points follow each package's `exports`: an export's output name (the path of its
// `types` file under dist/, e.g. `conformance/jest`) is looked up in the package's tsup entry map
// (tsup.config.ts, `"conformance/jest": "src/conformance/adapters/jest.ts"`), so a new export
// appears in the reference without touching this script. Imports between the packages resolve to
// their sources (compilerOptions.paths built from the same map), so a type of core used by
// config links to core's page, and no build is needed first.
//
//   node tooling/api-docs/run.mjs [--check] [--out DIR]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Application, ReflectionKind } from "typedoc";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const out = resolve(ROOT, args.includes("--out") ? args[args.indexOf("--out") + 1] : "docs/api");

/** `{ "index": "src/index.ts", … }` from a tsup.config.ts: its entry map is an object literal. */
function tsupEntries(dir) {
  const text = readFileSync(join(dir, "tsup.config.ts"), "utf8");
  const entries = {};
  for (const m of text.matchAll(/["']?([\w./-]+)["']?\s*:\s*["'](src\/[^"']+\.ts)["']/g)) entries[m[1]] = m[2];
  return entries;
}

/** The public entries of one package: `{ specifier, source }` per export that has types. */
function packageEntries(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (manifest.private || manifest.exports === undefined) return [];
  const sources = tsupEntries(dir);
  const entries = [];
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const types = target?.import?.types ?? target?.types;
    if (typeof types !== "string") continue;
    const output = types.replace(/^\.\/dist\//, "").replace(/\.d\.[mc]?ts$/, "");
    const source = sources[output];
    if (source === undefined) throw new Error(`${manifest.name}: export "${subpath}" (${types}) has no entry in tsup.config.ts`);
    entries.push({ specifier: subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`, source: join(dir, source) });
  }
  return entries;
}

const packagesDir = join(ROOT, "packages");
const entries = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name))
  .filter((dir) => existsSync(join(dir, "package.json")) && existsSync(join(dir, "tsup.config.ts")))
  .flatMap(packageEntries);
const bySource = new Map(entries.map((e) => [e.source, e.specifier]));

const app = await Application.bootstrapWithPlugins({
  name: "Blue Store API reference",
  entryPoints: entries.map((e) => e.source),
  entryPointStrategy: "resolve",
  tsconfig: join(ROOT, "tooling", "api-docs", "tsconfig.json"),
  compilerOptions: { paths: Object.fromEntries(entries.map((e) => [e.specifier, [e.source]])) },
  readme: join(ROOT, "tooling", "api-docs", "index.md"),
  out,
  excludePrivate: true,
  excludeInternal: true,
  sort: ["source-order"],
  // No "defined in" links: they would point at a git remote the reader may not have.
  disableSources: true,
  treatWarningsAsErrors: check,
  treatValidationWarningsAsErrors: check,
  validation: { notExported: true, invalidLink: true, notDocumented: false },
  logLevel: "Warn",
});

// Modules are named after the import specifier an application writes, not the source path.
app.converter.on("createDeclaration", (context, reflection) => {
  if (reflection.kind !== ReflectionKind.Module) return;
  const symbol = context.getSymbolFromReflection?.(reflection) ?? context.project.getSymbolFromReflection?.(reflection);
  const file = symbol?.declarations?.[0]?.getSourceFile?.().fileName;
  const specifier = file === undefined ? undefined : bySource.get(resolve(file));
  if (specifier !== undefined) reflection.name = specifier;
});

const project = await app.convert();
if (project === undefined) {
  console.error("api-docs: TypeDoc could not convert the project");
  process.exit(1);
}
app.validate(project);
if (app.logger.hasErrors() || (check && app.logger.hasWarnings())) {
  console.error("api-docs: TypeDoc reported problems (above)");
  process.exit(1);
}
await app.generateDocs(project, out);
if (app.logger.hasErrors() || (check && app.logger.hasWarnings())) process.exit(1);
console.log(
  `api-docs: ${entries.length} entries of ${new Set(entries.map((e) => e.specifier.split("/").slice(0, 2).join("/"))).size} packages -> ${relative(ROOT, out)}/index.html`,
);
