import { isStoreError } from "../../errors";
import type { JsonValue } from "../../types/json";
import type { StorageBackend } from "../../types/stores";
import type { Outcome, Step } from "./types";

/** A StoreError (`isStoreError`: it may come from another copy of core) as its code, message and details; anything else is "RAW". */
export function outcomeOf(e: unknown): Outcome {
  if (isStoreError(e))
    return {
      ok: false,
      code: e.code,
      message: e.message,
      ...(e.details !== undefined ? { details: JSON.parse(JSON.stringify(e.details)) as JsonValue } : {}),
    };
  return { ok: false, code: "RAW", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

function target(b: StorageBackend, call: string): (...args: unknown[]) => Promise<unknown> {
  const dot = call.lastIndexOf(".");
  const [part, method] = [call.slice(0, dot), call.slice(dot + 1)];
  const host: Record<string, unknown> | undefined = part.startsWith("store:")
    ? (b.store<{ pk: string; sk: string }>({ name: part.slice(6), key: (i) => ({ pk: i.pk, sk: i.sk }) }) as unknown as Record<
        string,
        unknown
      >)
    : part === "dialogues" || part === "documents" || part === "links"
      ? (b[part] as unknown as Record<string, unknown>)
      : undefined;
  const fn = host?.[method];
  if (typeof fn !== "function") throw new Error(`the worker cannot call ${call}`);
  return (...args) => Promise.resolve((fn as (...a: unknown[]) => unknown).apply(host, args));
}

function resolveArgs(args: JsonValue[], results: Outcome[]): unknown[] {
  const swap = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(swap);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.$result === "number" && Object.keys(o).length === 1) {
        const r = results[o.$result];
        return r?.ok ? r.value : null;
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, swap(x)]));
    }
    return v;
  };
  return args.map(swap);
}

/** Runs one step on `b` (the worker's and the kit's model runs share it). */
export async function runStep(b: StorageBackend, step: Step, results: Outcome[]): Promise<Outcome> {
  try {
    const value = await target(b, step.call)(...resolveArgs(step.args, results));
    return { ok: true, value: value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue) };
  } catch (e) {
    return outcomeOf(e);
  }
}
