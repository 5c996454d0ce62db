import type { SettingType } from "@blue/store-core";
import { ENGINE_PACKAGES, type BackendName } from "./types";

/** The keys allowed at the top level of `.blue/config.toml`. */
export const TOP_LEVEL_KEYS = ["storage"] as const;

/** The keys allowed in `[storage]`: the backend and one table per engine that has settings. */
export const STORAGE_KEYS: readonly string[] = ["backend", ...Object.keys(ENGINE_PACKAGES), "custom"];

/** The backend of the embedded default (no config file): SQLite at `.blue/blue.db`. */
export const DEFAULT_BACKEND: BackendName = "sqlite";

/** What "expected …" says for each TOML type. */
export const TYPE_WORDS: Record<SettingType, string> = {
  string: "a string",
  boolean: "a boolean (true or false)",
  integer: "an integer",
};

/** `[storage.custom] module`: a package name or a path. */
export function moduleProblem(specifier: string): string | undefined {
  if (specifier.trim().length === 0) return 'the module is empty; expected a package name or a path such as "./my-backend.mjs"';
  return undefined;
}
