import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import type { CliContext } from "../runtime/context";
import { CliError } from "../runtime/cli-error";
import { EXIT } from "../runtime/exit-codes";

/** Where a streamed output goes: a file or stdout, written with backpressure. */
export interface OutputSink {
  write(text: string): Promise<void>;
  /** Finishes the output (for an atomic file: renames it into place). */
  close(): Promise<void>;
  /** Gives up: an atomic file's partial copy is removed. */
  abort(): Promise<void>;
}

function cannotWrite(file: string, e: unknown): CliError {
  const reason = (e as NodeJS.ErrnoException).code ?? String(e);
  return new CliError(`cannot write ${file}: ${reason}`, EXIT.FAILURE, "check that the folder exists and is writable", { cause: e });
}

function fileSink(path: string, shown: string, finalPath?: string): OutputSink {
  const stream: WriteStream = createWriteStream(path);
  let failure: unknown;
  stream.on("error", (e) => (failure ??= e));
  const opened = new Promise<void>((ok, fail) => {
    stream.once("open", () => ok());
    stream.once("error", fail);
  });
  return {
    async write(text) {
      await opened.catch((e) => {
        throw cannotWrite(shown, e);
      });
      if (failure !== undefined) throw cannotWrite(shown, failure);
      if (!stream.write(text)) await new Promise<void>((ok) => stream.once("drain", ok));
    },
    async close() {
      await opened.catch((e) => {
        throw cannotWrite(shown, e);
      });
      await new Promise<void>((ok, fail) => stream.end((e?: Error | null) => (e ? fail(cannotWrite(shown, e)) : ok())));
      if (failure !== undefined) throw cannotWrite(shown, failure);
      if (finalPath !== undefined)
        await rename(path, finalPath).catch((e) => {
          throw cannotWrite(shown, e);
        });
    },
    async abort() {
      stream.destroy();
      if (finalPath !== undefined) await rm(path, { force: true });
    },
  };
}

/**
 * A sink for `-o file` (or stdout without it / with "-"). With `atomic`, the file is written as
 * `<file>.partial` and renamed into place at the end, so an interrupted run never leaves a
 * truncated file under the final name.
 */
export function openSink(ctx: CliContext, file: string | undefined, options: { atomic?: boolean } = {}): OutputSink {
  if (file === undefined || file === "-") {
    return { write: (text) => ctx.write(text), close: async () => {}, abort: async () => {} };
  }
  const path = resolve(ctx.globals.cwd, file);
  return options.atomic ? fileSink(`${path}.partial`, file, path) : fileSink(path, file);
}
