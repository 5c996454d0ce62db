import type { BlueConfig } from "@blue/store-config";

/** What the CLI may print about a configuration: what its engine's descriptor says, never credentials. */
export interface ConfigDescription {
  backend: string;
  /** The config file, or "(embedded default)". */
  source: string;
  projectRoot: string;
  overrides: string[];
  /** The engine's printable facts (`describe` of its descriptor), plus `module` for a custom engine. */
  settings: Record<string, string | number | boolean>;
  /** One line: `sqlite .blue/blue.db`, `dynamodb tables blue_* in us-east-1 at http://…`. */
  line: string;
}

/** The printable facts of a configuration for `doctor`, `init`, `migrate` and `conformance`. */
export function describeConfig(config: BlueConfig, cwd: string): ConfigDescription {
  const { engine } = config;
  const described = engine.describe?.(config.settings, { cwd }) ?? { line: engine.name, facts: {} };
  const settings = { ...described.facts, ...(config.module === undefined ? {} : { module: config.module }) };
  const line = config.module === undefined ? described.line : `custom engine ${described.line} (${config.module})`;
  return {
    backend: config.backend,
    source: config.source ?? "(embedded default)",
    projectRoot: config.projectRoot,
    overrides: [...config.overrides],
    settings,
    line,
  };
}

/** The one-line form of a description. */
export function describeLine(d: ConfigDescription): string {
  return d.line;
}
