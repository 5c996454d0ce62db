import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { JsonObject } from "@blue/store-core";
import { CliError } from "./cli-error";
import { EXIT } from "./exit-codes";
import type { CliContext } from "./context";

/** Reads a text file (or stdin for "-"); an unreadable file is INVALID_INPUT with the reason. */
export async function readInputText(ctx: CliContext, file: string): Promise<string> {
  if (file === "-") return ctx.io.readStdin();
  const path = resolve(ctx.globals.cwd, file);
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new CliError(`cannot read ${file}: ${reason}`, EXIT.INVALID_INPUT, "check the path and the file's permissions", { cause: e });
  }
}

/** Parses JSON text; malformed JSON is INVALID_INPUT naming the file and the parser's reason. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new CliError(
      `${source} is not valid JSON: ${reason}`,
      EXIT.INVALID_INPUT,
      "the file must hold the JSON that `blue-store dialogues export` writes",
      { cause: e },
    );
  }
}

/** A JSON object given on the command line (e.g. --metadata '{"k":1}'). */
export function parseJsonObjectOption(text: string, option: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`${option} is not valid JSON: ${text}`, EXIT.USAGE, `pass a JSON object, e.g. ${option} '{"team":"core"}'`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CliError(`${option} must be a JSON object`, EXIT.USAGE, `pass a JSON object, e.g. ${option} '{"team":"core"}'`);
  }
  return value as JsonObject;
}

/** A whole number in [min, max] from an option or argument. */
export function parseIntegerArg(text: string, name: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(`${name} must be a whole number from ${min} to ${max}, not "${text}"`, EXIT.USAGE, `see --help`);
  }
  return n;
}
