import type { BlueConfig } from "@blue/store-config";
import type { StorageBackend } from "@blue/store-core";
import { loadConfigFile, loadProjectConfig, openConfig } from "../storage/open";

/** Where the CLI writes. Tests and embedders pass their own; bin.ts passes the process's. */
export interface CliIo {
  /** Data (human text or JSON): stdout. */
  out(text: string): void;
  /** Diagnostics, progress and errors: stderr. */
  err(text: string): void;
  /** True when stderr is a terminal (progress bars instead of plain lines). */
  stderrIsTTY: boolean;
  /** Reads all of stdin (for `import -`). */
  readStdin(): Promise<string>;
}

/** Options every command understands. */
export interface GlobalOptions {
  /** The project folder (the one that holds .blue/ or below it). */
  cwd: string;
  verbose: boolean;
}

/** What a command runs with: output, options, and the storages it opened (closed at exit). */
export class CliContext {
  private readonly opened: StorageBackend[] = [];

  constructor(
    readonly io: CliIo,
    readonly env: NodeJS.ProcessEnv,
    readonly globals: GlobalOptions,
  ) {}

  /** Prints a line (or block) of human text on stdout. */
  print(text = ""): void {
    this.io.out(text.endsWith("\n") ? text : `${text}\n`);
  }

  /** Prints a value as indented JSON on stdout. */
  printJson(value: unknown): void {
    this.io.out(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A line on stderr (notes and progress; never data). */
  note(text: string): void {
    this.io.err(`${text}\n`);
  }

  /** The project's configuration: .blue/config.toml with environment overrides, or the embedded default. */
  loadConfig(): Promise<BlueConfig> {
    return loadProjectConfig({ cwd: this.globals.cwd, env: this.env });
  }

  /** The configuration in a file named on the command line (no environment overrides). */
  loadConfigFile(file: string): Promise<BlueConfig> {
    return loadConfigFile(file, { cwd: this.globals.cwd, env: this.env });
  }

  /** Opens the storage that .blue/config.toml (or the embedded default) configures. */
  async openStorage(): Promise<StorageBackend> {
    return this.open(await this.loadConfig());
  }

  /** Opens the storage of a configuration; it is closed when the command ends. */
  async open(config: BlueConfig): Promise<StorageBackend> {
    return this.track(await openConfig(config));
  }

  /** Registers a backend opened elsewhere so it is closed when the command ends. */
  track(backend: StorageBackend): StorageBackend {
    this.opened.push(backend);
    return backend;
  }

  /** Closes every storage this command opened (idempotent). */
  async closeAll(): Promise<void> {
    const all = this.opened.splice(0);
    for (const b of all.reverse()) {
      await b.close().catch(() => undefined);
    }
  }
}
