import type { EngineDescriptor } from "@blue/store-core";
import type { ModuleNamespace } from "./import-module";

const TYPES = ["string", "integer", "boolean"];
const OPTIONAL_FUNCTIONS = ["isolate", "removeNamespace", "describe", "identity", "doctor"];

/** The `engine` export of a module (looking through the `default` a CommonJS module gets from ESM). */
export function engineExport(namespace: ModuleNamespace): unknown {
  if (namespace.engine !== undefined) return namespace.engine;
  const fallback = namespace.default;
  return typeof fallback === "object" && fallback !== null ? (fallback as Record<string, unknown>).engine : undefined;
}

/**
 * What keeps `value` from being an EngineDescriptor, or undefined. Checked structurally: a
 * custom module may bring its own copy of the core package.
 */
export function descriptorProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return `it is ${value === null ? "null" : typeof value}, not an object`;
  const d = value as Record<string, unknown>;
  if (typeof d.name !== "string" || d.name === "") return "its name is not a non-empty string";
  if (typeof d.open !== "function") return "it has no open(settings, context) function";
  for (const name of OPTIONAL_FUNCTIONS) if (d[name] !== undefined && typeof d[name] !== "function") return `its ${name} is not a function`;
  if (typeof d.settings !== "object" || d.settings === null) return "its settings are not an object";
  for (const [property, spec] of Object.entries(d.settings)) {
    const s = spec as Record<string, unknown> | null;
    if (typeof s !== "object" || s === null || !TYPES.includes(s.type as string)) {
      return `its setting ${JSON.stringify(property)} has no type (expected "string", "integer" or "boolean")`;
    }
    if (s.key !== undefined && (typeof s.key !== "string" || !/^[A-Za-z0-9_-]+$/.test(s.key))) {
      return `its setting ${JSON.stringify(property)} has a key that is not a bare TOML key`;
    }
    if (property === "module" || s.key === "module") return 'its setting "module" clashes with [storage.custom] module';
  }
  return undefined;
}

/** Asserts the shape; `fail` builds the error (ConfigError for a custom module, InternalError for a package). */
export function asDescriptor(value: unknown, fail: (problem: string) => Error): EngineDescriptor {
  const problem = descriptorProblem(value);
  if (problem !== undefined) throw fail(problem);
  return value as EngineDescriptor;
}
