import { METHOD_OPTIONS } from "../../src/model/options";
import { checkOptions, defineOptions, optionTypes } from "../../src/validation/options";

const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return {
      code: (e as { code?: string }).code,
      message: (e as Error).message,
      field: (e as { details?: { field?: string } }).details?.field,
    };
  }
  throw new Error("did not throw");
};

describe("checkOptions", () => {
  test("returns the defined options, a fresh object; undefined properties are absent", () => {
    const given = { limit: 5, reverse: true, cursor: undefined };
    const out = checkOptions(METHOD_OPTIONS.queryPage, given);
    expect(out).toEqual({ limit: 5, reverse: true });
    expect(out).not.toBe(given);
    expect(checkOptions(METHOD_OPTIONS.query, undefined)).toEqual({});
  });

  test("a wrong type names the option, the expected type and the value given", () => {
    expect(err(() => checkOptions(METHOD_OPTIONS.query, { reverse: "yes" }))).toEqual({
      code: "VALIDATION",
      field: "options.reverse",
      message: 'options.reverse: must be a boolean (true or false), got "yes"',
    });
    expect(err(() => checkOptions(METHOD_OPTIONS.put, { ifNotExists: 1 }))).toEqual({
      code: "VALIDATION",
      field: "options.ifNotExists",
      message: "options.ifNotExists: must be a boolean (true or false), got 1",
    });
    expect(err(() => checkOptions(METHOD_OPTIONS.query, { limit: Number.NaN })).message).toBe(
      "options.limit: must be an integer from 1 to 1000, got NaN",
    );
    expect(err(() => checkOptions(METHOD_OPTIONS.importDialogue, { onConflict: "overwrite" })).message).toBe(
      'options.onConflict: must be one of "fail", "skip", "replace", got "overwrite"',
    );
    expect(err(() => checkOptions(METHOD_OPTIONS.put, { expiresAt: "2026-02-30T00:00:00.000Z" })).field).toBe("options.expiresAt");
  });

  test("an unknown option and a non-object argument are VALIDATION too", () => {
    expect(err(() => checkOptions(METHOD_OPTIONS.put, { ifNotExist: true }))).toEqual({
      code: "VALIDATION",
      field: "options.ifNotExist",
      message: 'options.ifNotExist: put has no option "ifNotExist" (its options: ifNotExists, ttlSeconds, expiresAt)',
    });
    for (const bad of [null, "x", 5, [], true]) expect(err(() => checkOptions(METHOD_OPTIONS.query, bad)).field).toBe("options");
    expect(err(() => checkOptions(METHOD_OPTIONS.query, { toString: 1 })).field).toBe("options.toString");
  });

  test("specs are declarative: a custom one checks its own types under its own field name", () => {
    const spec = defineOptions("thing", { n: optionTypes.integer(0, 3), mode: optionTypes.oneOf(["a", "b"] as const) });
    expect(checkOptions(spec, { n: 0, mode: "b" }, "opts")).toEqual({ n: 0, mode: "b" });
    expect(err(() => checkOptions(spec, { n: 4 }, "opts")).message).toBe("opts.n: must be an integer from 0 to 3, got 4");
  });
});
