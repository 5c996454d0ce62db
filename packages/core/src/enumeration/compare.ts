/**
 * The first place where two JSON values differ ("" when the roots differ, "a.b[2]" deeper),
 * or undefined when they are equal. Object key order does not matter (engines such as
 * DynamoDB do not keep it); array order does.
 */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return path || "(value)";
  if (Array.isArray(a) !== Array.isArray(b)) return path || "(value)";
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    if (ao[k] === undefined && bo[k] === undefined) continue;
    const d = firstDifference(ao[k], bo[k], path ? `${path}.${k}` : k);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** True when two JSON values are equal (object key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}
