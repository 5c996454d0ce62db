import type { SettingSpec } from "@blue/store-core";
import { isLikelyTypo, nearest } from "./nearest";
import { describeValue } from "./problem";
import { TYPE_WORDS } from "./schema";

/** A value and what is wrong with it: exactly one of the two. */
export type Checked = { value: string | number | boolean; problem?: undefined } | { value?: undefined; problem: string };

function hasType(value: unknown, spec: SettingSpec): value is string | number | boolean {
  if (spec.type === "string") return typeof value === "string";
  if (spec.type === "boolean") return typeof value === "boolean";
  return typeof value === "number" && Number.isInteger(value);
}

/** "full" (what it means) or "normal" (…): the allowed values of an enumerated setting. */
function listValues(values: Readonly<Record<string, string>>): string {
  const words = Object.entries(values).map(([v, meaning]) => (meaning === "" ? JSON.stringify(v) : `${JSON.stringify(v)} (${meaning})`));
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** What is wrong with a value of the right type under the spec's values, range and check. */
function ruleProblem(value: string | number | boolean, spec: SettingSpec): string | undefined {
  if (spec.values !== undefined && typeof value === "string" && !Object.hasOwn(spec.values, value)) {
    const match = nearest(value, Object.keys(spec.values));
    const hint = match !== undefined && isLikelyTypo(value, match) ? `; did you mean ${JSON.stringify(match.candidate)}?` : "";
    return `${JSON.stringify(value)} is not ${spec.noun ?? "an allowed value"}; expected ${listValues(spec.values)}${hint}`;
  }
  if (typeof value === "number" && ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))) {
    const what = spec.unit === undefined ? "an integer" : `a whole number of ${spec.unit}`;
    const range =
      spec.min !== undefined && spec.max !== undefined
        ? `from ${spec.min} to ${spec.max}`
        : spec.min !== undefined
          ? `of at least ${spec.min}`
          : `of at most ${spec.max}`;
    return `expected ${what} ${range}, found ${value}`;
  }
  return spec.check?.(value as never);
}

/** Checks a TOML value against its spec: type, then values, range and the engine's own check. */
export function checkFileValue(value: unknown, spec: SettingSpec): Checked {
  if (!hasType(value, spec)) return { problem: `expected ${TYPE_WORDS[spec.type]}, found ${describeValue(value)}` };
  const problem = ruleProblem(value, spec);
  return problem === undefined ? { value } : { problem };
}

/** Checks an environment variable's text against the spec, reading integers and booleans from it. */
export function checkEnvValue(text: string, spec: SettingSpec): Checked {
  let value: string | number | boolean = text;
  if (spec.type === "integer") {
    if (!/^-?\d+$/.test(text.trim())) return { problem: `expected ${TYPE_WORDS.integer}, found ${JSON.stringify(text)}` };
    value = Number(text.trim());
  } else if (spec.type === "boolean") {
    if (text !== "true" && text !== "false") return { problem: `expected ${TYPE_WORDS.boolean}, found ${JSON.stringify(text)}` };
    value = text === "true";
  }
  const problem = ruleProblem(value, spec);
  return problem === undefined ? { value } : { problem };
}
