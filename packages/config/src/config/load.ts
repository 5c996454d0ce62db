import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "@blue/store-core";
import { assertTrusted } from "../trust/file-trust";
import { defaultConfig, parseConfig } from "./parse";
import type { BlueConfig, Environment } from "./types";

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  /** Where the search for `.blue/config.toml` starts. Default: `process.cwd()`. */
  cwd?: string;
  /** Environment overrides. Default: `process.env`. */
  env?: Environment;
}

/** The config folder, its file and the project root found above `cwd`. */
export interface ProjectLocation {
  /** The folder that holds `.blue/` (or `cwd` when there is none). */
  projectRoot: string;
  /** `<projectRoot>/.blue/config.toml` when it exists. */
  configFile: string | null;
}

async function kindOf(path: string): Promise<"file" | "folder" | null> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? "folder" : "file";
  } catch {
    return null;
  }
}

/**
 * Finds the project: the nearest folder at or above `cwd` that holds a `.blue/` folder.
 * Its `.blue/config.toml`, if present, is the config file. No `.blue/` anywhere: `cwd`.
 */
export async function findProject(cwd: string): Promise<ProjectLocation> {
  const start = resolve(cwd);
  if ((await kindOf(start)) !== "folder") {
    throw new ConfigError(`cannot look for .blue/config.toml from ${start}: it is not an existing folder`, { details: { cwd: start } });
  }
  for (let folder = start; ; folder = dirname(folder)) {
    if ((await kindOf(join(folder, ".blue"))) === "folder") {
      const file = join(folder, ".blue", "config.toml");
      const kind = await kindOf(file);
      if (kind === "folder") throw new ConfigError(`${file} is a folder; expected a TOML file`, { details: { file } });
      return { projectRoot: folder, configFile: kind === "file" ? file : null };
    }
    if (dirname(folder) === folder) return { projectRoot: start, configFile: null };
  }
}

/**
 * Loads the storage configuration for `cwd`: `.blue/config.toml` in `cwd` or the nearest
 * folder above it (the folder holding `.blue/` is the project root), with the environment
 * overrides applied. No config file anywhere: the embedded default, SQLite at
 * `<project root>/.blue/blue.db`. Problems are ConfigErrors naming file, line and key; a
 * config file (or its `.blue/` folder) that other users could change is a ConfigError too.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<BlueConfig> {
  const env = options.env ?? process.env;
  const { projectRoot, configFile } = await findProject(options.cwd ?? process.cwd());
  if (configFile === null) return defaultConfig({ projectRoot, env });
  // A config file decides what code every command loads: one that others can change is refused.
  await assertTrusted(configFile, "the config file");
  let text: string;
  try {
    text = await readFile(configFile, "utf8");
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ConfigError(`${configFile}: cannot read the config file: ${reason}`, { cause: e, details: { file: configFile } });
  }
  return parseConfig(text, { source: configFile, projectRoot, env });
}
