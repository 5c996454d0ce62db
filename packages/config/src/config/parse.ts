import { resolve } from "node:path";
import { parse, TomlError } from "smol-toml";
import { ConfigError } from "@blue/store-core";
import { asStoreError } from "@blue/store-core/engine";
import { applyEnvOverrides, awsRegionFromEnv } from "./env";
import { defaultSettings, projectRootOf, resolveSettings } from "./resolve";
import { SettingsReader } from "./settings";
import type { BlueConfig, Environment } from "./types";

/** Options of `parseConfig`. */
export interface ParseConfigOptions {
  /** The file the text came from; error messages name it. Default "config.toml". */
  source?: string;
  /**
   * The folder relative paths resolve against. Default: the folder holding `.blue/` when
   * `source` is a `.blue/config.toml` path, else the current working directory.
   */
  projectRoot?: string;
  /**
   * Environment overrides (`BLUE_STORAGE_BACKEND`, …) to apply over the file, and
   * `AWS_REGION` / `AWS_DEFAULT_REGION` as the region when none is set. Default: none.
   */
  env?: Environment;
}

/**
 * Parses and checks the text of a `.blue/config.toml`. Every problem is a ConfigError
 * whose message names the file, line, column and key, and says what was expected;
 * `details` carries `file`, `line`, `column` and `key`.
 */
export function parseConfig(text: string, options: ParseConfigOptions = {}): BlueConfig {
  const source = options.source ?? "config.toml";
  const projectRoot = resolve(options.projectRoot ?? projectRootOf(source) ?? process.cwd());
  const settings = new SettingsReader(source, text).read(parseToml(text, source));
  const env = options.env ?? {};
  const overrides = applyEnvOverrides(settings, env);
  settings.dynamodb.region ??= awsRegionFromEnv(env, settings.backend);
  return resolveSettings(settings, { projectRoot, source, text, overrides });
}

/** The embedded default (SQLite at `<projectRoot>/.blue/blue.db`) with `env` applied. */
export function defaultConfig(options: { projectRoot?: string; env?: Environment } = {}): BlueConfig {
  const settings = defaultSettings();
  const env = options.env ?? {};
  const overrides = applyEnvOverrides(settings, env);
  settings.dynamodb.region ??= awsRegionFromEnv(env, settings.backend);
  return resolveSettings(settings, { projectRoot: resolve(options.projectRoot ?? process.cwd()), source: null, text: "", overrides });
}

function parseToml(text: string, source: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof TomlError)) throw asStoreError(e, `${source}: could not parse TOML`);
    const reason = (e.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
    const message = `${source}:${e.line}:${e.column}: invalid TOML: ${reason}${syntaxHint(text, e.line, e.column)}`;
    throw new ConfigError(message, { cause: e, details: { file: source, line: e.line, column: e.column } });
  }
}

/** Hints for the commonest slips: an unquoted string, a missing quote or bracket. */
function syntaxHint(text: string, line: number, column: number): string {
  const lineText = text.split(/\r?\n/)[line - 1] ?? "";
  const rest = lineText.slice(column - 1);
  if (/^\s*\[/.test(lineText) && !lineText.includes("]")) return " (is the closing ] of the table header missing?)";
  if (rest.trim() === "" && /^[^#]*=\s*["']/.test(lineText)) return " (is the closing quote of the string missing?)";
  const word = /^([A-Za-z_][\w.:/-]*)\s*(#.*)?$/.exec(rest)?.[1];
  if (word === undefined || word === "true" || word === "false") return "";
  return ` (strings need quotes: ${JSON.stringify(word)})`;
}
