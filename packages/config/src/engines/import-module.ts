import { pathToFileURL } from "node:url";
import { isAbsolute } from "node:path";

/** A loaded module's namespace. */
export type ModuleNamespace = Record<string, unknown>;

/**
 * `import()` of a package name or an absolute path, kept a real dynamic import in both the
 * ESM and the CJS build (esbuild leaves a non-literal `import()` alone, so optional
 * packages are neither bundled nor required eagerly). Absolute paths are passed as-is on
 * POSIX (valid for `import()` and for `require()` under test runners) and as file URLs on
 * Windows, where a drive letter would read as a URL scheme.
 */
export async function importModule(specifier: string): Promise<ModuleNamespace> {
  const target = isAbsolute(specifier) && process.platform === "win32" ? pathToFileURL(specifier).href : specifier;
  return (await import(target)) as ModuleNamespace;
}

/** True when `e` says that `specifier` itself (not something it imports) cannot be found. */
export function isModuleNotFound(e: unknown, specifier: string): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return false;
  return typeof message === "string" && (message.includes(`'${specifier}'`) || message.includes(`"${specifier}"`));
}

/**
 * A named function export of a module, looking through the `default` export a CommonJS
 * module gets when imported from ESM.
 */
export function functionExport(namespace: ModuleNamespace, name: string): ((...args: never[]) => unknown) | undefined {
  const direct = namespace[name];
  if (typeof direct === "function") return direct as (...args: never[]) => unknown;
  const fallback = namespace.default;
  if (typeof fallback === "object" && fallback !== null) {
    const nested = (fallback as Record<string, unknown>)[name];
    if (typeof nested === "function") return nested as (...args: never[]) => unknown;
  }
  return undefined;
}
