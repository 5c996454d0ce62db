import { resolve } from "node:path";
import { parse, TomlError } from "smol-toml";
import { ConfigError } from "@blue/store-core";
import { asStoreError } from "@blue/store-core/engine";
import { DocumentReader } from "./document";
import { projectRootOf, resolveConfig } from "./resolve";
import { DEFAULT_BACKEND } from "./schema";
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
   * Environment overrides (`BLUE_STORAGE_BACKEND` and those the selected engine declares,
   * such as `BLUE_SQLITE_PATH`) to apply over the file. Default: none.
   */
  env?: Environment;
}

/**
 * Parses and checks the text of a `.blue/config.toml`, loading the selected engine's
 * descriptor to check its settings. Every problem is a ConfigError whose message names the
 * file, line, column and key, and says what was expected; `details` carries `file`, `line`,
 * `column` and `key`. An engine whose package is not installed is a BackendNotInstalledError.
 */
export async function parseConfig(text: string, options: ParseConfigOptions = {}): Promise<BlueConfig> {
  const source = options.source ?? "config.toml";
  const projectRoot = resolve(options.projectRoot ?? projectRootOf(source) ?? process.cwd());
  const reader = new DocumentReader(source, text);
  const head = reader.readHead(parseToml(text, source));
  return resolveConfig(head, reader, { projectRoot, source, env: options.env ?? {} });
}

/** The embedded default (SQLite at `<projectRoot>/.blue/blue.db`) with `env` applied. */
export async function defaultConfig(options: { projectRoot?: string; env?: Environment } = {}): Promise<BlueConfig> {
  const reader = new DocumentReader("<embedded default>", "");
  const projectRoot = resolve(options.projectRoot ?? process.cwd());
  return resolveConfig({ storage: {}, backend: DEFAULT_BACKEND }, reader, { projectRoot, source: null, env: options.env ?? {} });
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
