import type { BlueConfig } from "@blue/store-config";
import type { StorageBackend } from "@blue/store-core";
import { loadConfigFile, loadProjectConfig, openConfig } from "../storage/open";
import { neutralizeControls, safeJson } from "./sanitize";

/** Where the CLI writes. Tests and embedders pass their own; bin.ts passes the process's. */
export interface CliIo {
  /** Data (human text or JSON): stdout. */
  out(text: string): void;
  /** Diagnostics, progress and errors: stderr. */
  err(text: string): void;
  /** True when stderr is a terminal (progress bars instead of plain lines). */
  stderrIsTTY: boolean;
  /** True when stdout is a terminal (a backup is never written to one). */
  stdoutIsTTY?: boolean;
  /** True when stdin is a terminal (deletes ask for confirmation only then). */
  stdinIsTTY?: boolean;
  /** Reads all of stdin (for `import -`). */
  readStdin(): Promise<string>;
  /** Stdin as a stream (for `restore -`, which must not hold the file in memory). */
  stdin?(): NodeJS.ReadableStream;
  /** Writes data to stdout and resolves when it may write more (backpressure for large streams). */
  write?(text: string): Promise<void>;
  /** Asks a question on the terminal and resolves to the answer line. */
  prompt?(question: string): Promise<string>;
}

/** Options every command understands. */
export interface GlobalOptions {
  /** The project folder (the one that holds .blue/ or below it). */
  cwd: string;
  verbose: boolean;
}

/** How a command opens storage: `create: false` for read-only commands (nothing is ever created). */
export interface OpenOptions {
  create?: boolean;
}

/** What a command runs with: output, options, and the storages it opened (closed at exit). */
export class CliContext {
  private readonly opened: StorageBackend[] = [];

  constructor(
    readonly io: CliIo,
    readonly env: NodeJS.ProcessEnv,
    readonly globals: GlobalOptions,
  ) {}

  /** Prints a line (or block) of human text on stdout, control characters neutralised. */
  print(text = ""): void {
    const safe = neutralizeControls(text);
    this.io.out(safe.endsWith("\n") ? safe : `${safe}\n`);
  }

  /** Prints a value as indented JSON on stdout (DEL and C1 escaped too). */
  printJson(value: unknown): void {
    this.io.out(`${safeJson(value, 2)}\n`);
  }

  /** Writes data to stdout, waiting while the reader is behind. */
  async write(text: string): Promise<void> {
    if (this.io.write) await this.io.write(text);
    else this.io.out(text);
  }

  /** A line on stderr (notes and progress; never data), control characters neutralised. */
  note(text: string): void {
    this.io.err(`${neutralizeControls(text)}\n`);
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
  async openStorage(options: OpenOptions = {}): Promise<StorageBackend> {
    return this.open(await this.loadConfig(), options);
  }

  /** Opens existing storage only (read-only commands): a missing database or table is a CONFIG error, nothing is created. */
  openExisting(): Promise<StorageBackend> {
    return this.openStorage({ create: false });
  }

  /** Opens the storage of a configuration; it is closed when the command ends. */
  async open(config: BlueConfig, options: OpenOptions = {}): Promise<StorageBackend> {
    return this.track(await openConfig(config, options));
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
