import type { EngineDescriptor, SettingSpec } from "@blue/store-core";
import { GENERIC_HOMES, type DocumentReader, type Table } from "./document";
import { configProblem, dotted } from "./problem";
import { checkEnvValue, checkFileValue, type Checked } from "./setting-value";
import type { Environment, SettingValue } from "./types";

/** Where the engine's settings are read from. */
export interface SettingsSource {
  /** The engine's table (`[storage.sqlite]`; for a custom engine `[storage.custom]` without `module`), if written. */
  table: Table | undefined;
  /** Its path: ["storage", "sqlite"]. */
  path: string[];
  /** Keys of the table that are not the engine's (`module`). */
  reserved: readonly string[];
  reader: DocumentReader;
  env: Environment;
  projectRoot: string;
}

/** The settings of a descriptor as [TOML key, property name, spec]. */
export function settingEntries(engine: EngineDescriptor): Array<[key: string, property: string, spec: SettingSpec]> {
  return Object.entries(engine.settings as Record<string, SettingSpec>).map(([property, spec]) => [spec.key ?? property, property, spec]);
}

/** Each of the engine's TOML keys → its table, so a key written elsewhere is redirected there. */
export function engineHomes(engine: EngineDescriptor, path: readonly string[]): Record<string, string> {
  return { ...GENERIC_HOMES, ...Object.fromEntries(settingEntries(engine).map(([key]) => [key, dotted(path)])) };
}

/**
 * Checks the engine's settings against its descriptor, the way config checks every value:
 * unknown keys ("did you mean"), TOML types, allowed values, ranges and the engine's own
 * checks, each failure a ConfigError at file:line:column (or naming the environment variable).
 * Then applies each setting's environment override, its fallback variables and default, and
 * its `resolve`. Returns the settings and the variables applied.
 */
export function checkEngineSettings(
  engine: EngineDescriptor,
  from: SettingsSource,
): { settings: Record<string, SettingValue>; applied: string[] } {
  const entries = settingEntries(engine);
  const { table, path, reader, env } = from;
  if (table !== undefined) {
    const known = [...from.reserved, ...entries.map(([key]) => key)];
    reader.rejectUnknownKeys(table, path, known, `in [${dotted(path)}]`, engineHomes(engine, path));
  }
  const settings: Record<string, SettingValue> = {};
  const applied: string[] = [];
  for (const [key, property, spec] of entries) {
    const keyPath = [...path, key];
    const fromEnv = (variable: string): SettingValue => {
      return checkedValue(checkEnvValue(env[variable] as string, spec), () => ({ kind: "env", variable, path: keyPath }));
    };
    let value: SettingValue | undefined;
    if (table !== undefined && key in table) value = checkedValue(checkFileValue(table[key], spec), () => reader.origin(keyPath));
    if (spec.env !== undefined && env[spec.env] !== undefined) {
      value = fromEnv(spec.env);
      applied.push(spec.env);
    }
    for (const variable of value === undefined ? (spec.envFallback ?? []) : []) {
      if (env[variable] === undefined || env[variable] === "") continue;
      value = fromEnv(variable);
      break;
    }
    value ??= spec.default;
    if (value === undefined) continue;
    settings[property] =
      spec.resolve === undefined ? value : (spec.resolve(value as never, { projectRoot: from.projectRoot }) as SettingValue);
  }
  return { settings, applied };
}

function checkedValue(checked: Checked, origin: () => Parameters<typeof configProblem>[0]): SettingValue {
  if (checked.problem !== undefined) throw configProblem(origin(), checked.problem);
  return checked.value;
}
