import { ValidationError } from "../errors";
import type { StandardSchemaV1 } from "../types/standard-schema";
import type { KeySchema } from "../types/stores";

/** `item.a[2].b` for a Standard Schema issue path. */
function pathOf(field: string, path: StandardSchemaV1.Issue["path"]): string {
  let out = field;
  for (const part of path ?? []) {
    const key = typeof part === "object" && part !== null ? part.key : part;
    out += typeof key === "number" ? `[${key}]` : `.${String(key)}`;
  }
  return out;
}

/**
 * Runs the schema's Standard Schema validator, when it has one, and returns the value to
 * store (the validator's output). Its issues become one VALIDATION error: the message lists
 * them, `details.field` is the first issue's path, `details.issues` all of them.
 */
export async function validateItem<T>(schema: KeySchema<T>, item: T, field = "item"): Promise<T> {
  const validator = schema.validator;
  if (validator === undefined) return item;
  const standard = (validator as Partial<StandardSchemaV1>)?.["~standard"];
  if (typeof standard?.validate !== "function") {
    throw new ValidationError(`schema ${schema.name}: validator is not a Standard Schema (no ~standard.validate)`, {
      details: { field: "schema.validator" },
    });
  }
  let result: StandardSchemaV1.Result<T>;
  try {
    result = (await standard.validate(item)) as StandardSchemaV1.Result<T>;
  } catch (cause) {
    throw new ValidationError(`schema ${schema.name}: the validator threw: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
      details: { field },
    });
  }
  if (result.issues === undefined) return result.value;
  const issues = result.issues.map((i) => ({ path: pathOf(field, i.path), message: i.message }));
  const text = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  throw new ValidationError(`schema ${schema.name}: ${text}`, { details: { field: issues[0]?.path ?? field, issues } });
}
