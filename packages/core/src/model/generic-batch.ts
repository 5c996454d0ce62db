import { ItemTooLargeError, ValidationError } from "../errors";
import { encodeKey } from "../encoding/key-codec";
import { utf8ByteLength } from "../encoding/utf8";
import type { ItemKey, KeySchema } from "../types/stores";
import { LIMITS } from "../validation/limits";
import { expiryOf } from "./expiry";
import { assertItemKey, prepareItem, type PreparedItem } from "./generic";
import { validateItem } from "./item-validator";

/**
 * Argument checks of the generic store's batch and transaction methods, shared by every
 * backend so each rejects the same inputs with the same errors before touching anything.
 */

function fail(field: string, message: string): never {
  throw new ValidationError(`${field}: ${message}`, { details: { field } });
}

function assertArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(field, "must be an array");
  return value;
}

/** One key of a list, with the list position in the error. */
function keyAt(value: unknown, field: string): ItemKey {
  if (typeof value !== "object" || value === null) fail(field, "must be { pk, sk }");
  const k = value as { pk?: unknown; sk?: unknown };
  try {
    return assertItemKey(k.pk, k.sk);
  } catch (e) {
    const inner = e as ValidationError;
    throw new ValidationError(`${field}.${inner.message}`, {
      details: { ...inner.details, field: `${field}.${String(inner.details.field)}` },
    });
  }
}

/** Validates a list of keys (`getMany`, `deleteMany`). */
export function assertKeyList(keys: unknown, field = "keys"): ItemKey[] {
  return assertArray(keys, field).map((k, i) => keyAt(k, `${field}[${i}]`));
}

/** The identity of a key within one store (pk and sk may hold any character). */
export function itemKeyId(pk: string, sk: string): string {
  return encodeKey([pk, sk]);
}

/** A put validated by the schema's validator and the contract: its prepared item. */
export async function prepareWrite<T extends object>(schema: KeySchema<T>, item: T, field: string): Promise<PreparedItem<T>> {
  return prepareItem(schema, await validateItem(schema, item, field), field);
}

/** Validates every item of `putMany` (and runs the validator on each) before anything is written. */
export async function prepareItems<T extends object>(schema: KeySchema<T>, items: unknown, field = "items"): Promise<PreparedItem<T>[]> {
  const list = assertArray(items, field);
  const out: PreparedItem<T>[] = new Array(list.length);
  for (let i = 0; i < list.length; i++)
    out[i] = schema.validator
      ? await prepareWrite(schema, list[i] as T, `${field}[${i}]`)
      : prepareItem(schema, list[i] as T, `${field}[${i}]`);
  return out;
}

/** One validated operation of `transact`, with its position in the call. */
export type PreparedOp<T extends object> =
  | { kind: "put"; index: number; pk: string; sk: string; prepared: PreparedItem<T>; expiresAt: number | undefined; ifNotExists: boolean }
  | { kind: "delete"; index: number; pk: string; sk: string; ifExists: boolean }
  | { kind: "check"; index: number; pk: string; sk: string; exists: boolean };

const OP_FIELDS = {
  put: ["put", "ifNotExists", "ttlSeconds", "expiresAt"],
  delete: ["delete", "ifExists"],
  check: ["check", "exists"],
} as const;

function flag(value: unknown, field: string, required = false): boolean {
  if (value === undefined && !required) return false;
  if (typeof value !== "boolean") fail(field, required ? "must be true or false" : "must be a boolean when given");
  return value;
}

/**
 * Validates a `transact` call: at most 100 operations, each exactly one of put / delete /
 * check with only its own options, no two on one key, the items within the size limit.
 */
export async function prepareTransact<T extends object>(schema: KeySchema<T>, ops: unknown, now: () => number): Promise<PreparedOp<T>[]> {
  const list = assertArray(ops, "ops");
  if (list.length > LIMITS.transactMaxOps) {
    throw new ValidationError(`ops: ${list.length} operations; a transaction holds at most ${LIMITS.transactMaxOps}`, {
      details: { field: "ops", size: list.length, limit: LIMITS.transactMaxOps },
    });
  }
  const out: PreparedOp<T>[] = [];
  const seen = new Map<string, number>();
  let bytes = 0;
  for (let index = 0; index < list.length; index++) {
    const field = `ops[${index}]`;
    const op = list[index] as Record<string, unknown>;
    if (typeof op !== "object" || op === null || Array.isArray(op)) fail(field, "must be { put } | { delete } | { check }");
    const kinds = (["put", "delete", "check"] as const).filter((k) => op[k] !== undefined);
    if (kinds.length !== 1) fail(field, "must have exactly one of put, delete, check");
    const kind = kinds[0]!;
    for (const name of Object.keys(op)) {
      if (!(OP_FIELDS[kind] as readonly string[]).includes(name) && op[name] !== undefined)
        fail(`${field}.${name}`, `is not an option of a ${kind} operation`);
    }
    let prepared: PreparedOp<T>;
    if (kind === "put") {
      const item = await prepareWrite(schema, op.put as T, `${field}.put`);
      const expiresAt = expiryOf(op, now, field);
      bytes += utf8ByteLength(item.json) + utf8ByteLength(item.pk) + utf8ByteLength(item.sk);
      prepared = {
        kind,
        index,
        pk: item.pk,
        sk: item.sk,
        prepared: item,
        expiresAt,
        ifNotExists: flag(op.ifNotExists, `${field}.ifNotExists`),
      };
    } else if (kind === "delete") {
      const key = keyAt(op.delete, `${field}.delete`);
      prepared = { kind, index, ...key, ifExists: flag(op.ifExists, `${field}.ifExists`) };
    } else {
      const key = keyAt(op.check, `${field}.check`);
      prepared = { kind, index, ...key, exists: flag(op.exists, `${field}.exists`, true) };
    }
    const id = itemKeyId(prepared.pk, prepared.sk);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new ValidationError(`${field}: ops[${earlier}] already works on this key; a transaction may hold one operation per key`, {
        details: { field, index, other: earlier },
      });
    }
    seen.set(id, index);
    out.push(prepared);
  }
  if (bytes > LIMITS.transactMaxBytes) {
    throw new ItemTooLargeError(`the transaction's items are ${bytes} bytes; the limit is ${LIMITS.transactMaxBytes} bytes`, {
      details: { size: bytes, limit: LIMITS.transactMaxBytes },
    });
  }
  return out;
}

/** Whether a condition holds, given whether an unexpired item has the op's key. */
export function transactConditionHolds(op: PreparedOp<object>, exists: boolean): boolean {
  if (op.kind === "put") return !op.ifNotExists || !exists;
  if (op.kind === "delete") return !op.ifExists || exists;
  return op.exists === exists;
}
