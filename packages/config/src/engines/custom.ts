import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { ConfigError, isStoreError, type StorageBackend } from "@blue/store-core";
import { asStoreError } from "@blue/store-core/engine";
import type { BlueConfig, CustomOptionValue, CustomSettings } from "../config/types";
import { functionExport, importModule, isModuleNotFound, type ModuleNamespace } from "./import-module";
import { missingBackendMembers } from "./storage-shape";
import { assertTrusted } from "../trust/file-trust";

/** What a custom module's `createStorage` receives besides the `[storage.custom]` options. */
export interface CustomStorageContext {
  /** The folder that holds `.blue/`; resolve relative paths in options against it. */
  projectRoot: string;
  /** The config file, or null for a config built in code. */
  configFile: string | null;
}

/** The options of a custom module's `createStorage`: the other keys of `[storage.custom]`, and the clock. */
export type CustomStorageOptions = { readonly [key: string]: CustomOptionValue | (() => Date) | undefined } & {
  clock?: () => Date;
};

/** The export a custom engine module must provide: `export function createStorage(options, context)`. */
export type CustomStorageFactory = (
  options: CustomStorageOptions,
  context: CustomStorageContext,
) => StorageBackend | Promise<StorageBackend>;

function isPathSpecifier(specifier: string): boolean {
  return /^\.\.?([\\/]|$)/.test(specifier) || isAbsolute(specifier);
}

/** Opens the storage of a custom engine module (`backend = "custom"`). */
export async function openCustomEngine(config: BlueConfig, settings: CustomSettings, clock?: () => Date): Promise<StorageBackend> {
  const where = `${config.source ?? "config"}: storage.custom.module`;
  const fail = (problem: string, cause?: unknown) =>
    new ConfigError(`${where}: ${problem}`, { cause, details: { file: config.source, key: "storage.custom.module", module: settings.module } });

  const namespace = await loadCustomModule(settings.module, config.projectRoot, fail);
  const factory = functionExport(namespace, "createStorage") as CustomStorageFactory | undefined;
  if (factory === undefined) {
    // Leave out the interop names Node and test runners add when a CommonJS module is imported.
    const interop = (name: string) =>
      name === "__esModule" || name === "module.exports" || (name === "default" && typeof namespace.default === "object");
    const names = Object.keys(namespace).filter((name) => !interop(name));
    const found = names.length === 0 ? "it exports nothing" : `it exports: ${names.join(", ")}`;
    throw fail(`the module ${JSON.stringify(settings.module)} does not export a createStorage(options) function (${found})`);
  }
  const options: Record<string, unknown> = { ...settings.options };
  if (clock !== undefined) options.clock = clock;
  let backend: unknown;
  try {
    backend = await factory(options as CustomStorageOptions, { projectRoot: config.projectRoot, configFile: config.source });
  } catch (e) {
    if (isStoreError(e)) throw e;
    throw asStoreError(e, `the custom backend ${JSON.stringify(settings.module)} failed in createStorage()`);
  }
  const missing = missingBackendMembers(backend);
  if (missing.length > 0) {
    const got = typeof backend === "object" && backend !== null ? "an object" : String(backend);
    throw fail(
      `createStorage() of ${JSON.stringify(settings.module)} returned ${got}, which is not a StorageBackend (missing: ${missing.join(", ")})`,
    );
  }
  return backend as StorageBackend;
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
      throw fail(`cannot find the package ${JSON.stringify(specifier)} from ${projectRoot}; install it, or write a path such as "./my-backend.mjs"`, e);
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
