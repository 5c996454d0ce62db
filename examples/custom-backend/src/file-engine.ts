import { open, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "@blue/store-core";
import { asStoreError, closed } from "@blue/store-core/engine";
import { emptyState, type State } from "./state";

/**
 * The storage engine of the example: the whole state of a namespace in one JSON file.
 * Operations run one at a time (a promise queue), so each is atomic; a write replaces the
 * file atomically (write a temporary file, fsync, rename), so a crash never leaves half a file.
 */
export class FileEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly file: string,
    private state: State,
  ) {}

  /** Opens the file (an absent file is an empty namespace). */
  static async open(file: string): Promise<FileEngine> {
    return new FileEngine(file, await FileEngine.load(file));
  }

  private static async load(file: string): Promise<State> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
      throw asStoreError(e, `reading ${file}`);
    }
    let state: State;
    try {
      state = JSON.parse(text) as State;
    } catch (cause) {
      throw new ConfigError(`${file} is not a Blue Store JSON file (invalid JSON)`, { cause, details: { file } });
    }
    if (state?.format !== "blue-example-json-file" || state.version !== 1) {
      throw new ConfigError(`${file} is not a version 1 Blue Store JSON file`, { details: { file } });
    }
    return state;
  }

  /** Fails with CLOSED once the engine is closed (checked before anything else). */
  checkOpen(): void {
    if (this.closed) throw closed();
  }

  /** Runs a read alone. */
  read<T>(op: (state: State) => T): Promise<T> {
    return this.enqueue(async () => op(this.state));
  }

  /**
   * Runs a write alone and persists the state. `op` validates before it mutates, so a failing
   * op changes nothing; if persisting fails, the state is reloaded from the file.
   */
  write<T>(op: (state: State) => T): Promise<T> {
    return this.enqueue(async () => {
      const result = op(this.state);
      try {
        await this.persist();
      } catch (e) {
        this.state = await FileEngine.load(this.file);
        throw asStoreError(e, `writing ${this.file}`);
      }
      return result;
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    try {
      this.checkOpen();
    } catch (e) {
      return Promise.reject(e);
    }
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async persist(): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(tmp, "w");
    try {
      await handle.writeFile(JSON.stringify(this.state), "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
  }

  /** Lets queued operations finish; later calls fail with CLOSED. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }

  /** Deletes the file and any temporary file a writer left (a killed process leaves its own). */
  static async remove(file: string): Promise<void> {
    await rm(file, { force: true });
    const base = basename(file);
    const names = await readdir(dirname(file)).catch(() => [] as string[]);
    for (const name of names)
      if (name.startsWith(`${base}.`) && name.endsWith(".tmp")) await rm(join(dirname(file), name), { force: true });
  }
}
