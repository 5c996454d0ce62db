import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { ConfigError, type EngineDescriptor } from "@blue/store-core";
import { asDescriptor, engineExport } from "./descriptor-shape";
import { importModule, isModuleNotFound, type ModuleNamespace } from "./import-module";
import { assertTrusted } from "../trust/file-trust";

function isPathSpecifier(specifier: string): boolean {
  return /^\.\.?([\\/]|$)/.test(specifier) || isAbsolute(specifier);
}

/**
 * The descriptor a custom engine module exports as `engine` (`backend = "custom"`,
 * `[storage.custom] module`): the same contract as a built-in engine package's. A module that
 * cannot be found, is not trusted, fails to load or exports no descriptor is a ConfigError
 * naming `storage.custom.module`.
 */
export async function loadCustomEngine(module: string, projectRoot: string, source: string | null): Promise<EngineDescriptor> {
  const where = `${source ?? "config"}: storage.custom.module`;
  const fail = (problem: string, cause?: unknown) =>
    new ConfigError(`${where}: ${problem}`, { cause, details: { file: source, key: "storage.custom.module", module } });
  const namespace = await loadCustomModule(module, projectRoot, fail);
  const exported = engineExport(namespace);
  if (exported === undefined) {
    // Leave out the interop names Node and test runners add when a CommonJS module is imported.
    const interop = (name: string) =>
      name === "__esModule" || name === "module.exports" || (name === "default" && typeof namespace.default === "object");
    const names = Object.keys(namespace).filter((name) => !interop(name));
    const found = names.length === 0 ? "it exports nothing" : `it exports: ${names.join(", ")}`;
    const old = names.includes("createStorage")
      ? "; createStorage(options) is the old shape: export `engine = { name, settings, open }` instead (docs/writing-an-engine.md)"
      : "";
    throw fail(`the module ${JSON.stringify(module)} does not export an engine descriptor \`engine\` (${found})${old}`);
  }
  return asDescriptor(exported, (problem) =>
    fail(`the \`engine\` export of ${JSON.stringify(module)} is not an engine descriptor: ${problem}`),
  );
}

async function loadCustomModule(
  specifier: string,
  projectRoot: string,
  fail: (problem: string, cause?: unknown) => ConfigError,
): Promise<ModuleNamespace> {
  let target = specifier;
  // The file whose owner and mode decide whether the module is trusted (before it runs).
  let checked: string | undefined;
  if (isPathSpecifier(specifier)) {
    target = resolve(projectRoot, specifier);
    if (!existsSync(target)) throw fail(`the module ${JSON.stringify(specifier)} does not exist (looked for ${target})`);
    checked = target;
  } else {
    try {
      // Resolve a package from the project, not from wherever this package is installed.
      target = createRequire(join(projectRoot, "package.json")).resolve(specifier);
      checked = target;
    } catch {
      // ESM-only packages have no "require" export: let import() resolve them below, and
      // judge the package by its package.json (and folder).
      checked = packageJsonOf(specifier, projectRoot);
    }
  }
  if (checked !== undefined) await assertTrusted(checked, "the custom backend module", { key: "storage.custom.module", module: specifier });
  try {
    return await importModule(target);
  } catch (e) {
    if (isModuleNotFound(e, target) || isModuleNotFound(e, specifier)) {
      throw fail(
        `cannot find the package ${JSON.stringify(specifier)} from ${projectRoot}; install it, or write a path such as "./my-backend.mjs"`,
        e,
      );
    }
    const reason = e instanceof Error ? e.message : String(e);
    throw fail(`the module ${JSON.stringify(specifier)} failed to load: ${reason}`, e);
  }
}

/** The package.json of the package `specifier` names, found in node_modules at or above `projectRoot`. */
function packageJsonOf(specifier: string, projectRoot: string): string | undefined {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  for (let folder = projectRoot; ; folder = dirname(folder)) {
    const file = join(folder, "node_modules", name, "package.json");
    if (existsSync(file)) return file;
    if (dirname(folder) === folder) return undefined;
  }
}
