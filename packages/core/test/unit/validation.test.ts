import { isStoreError, asStoreError, ValidationError, StoreError, ConflictError } from "../../src/errors";
import { assertId, assertTimestamp, laterTimestamp, pageLimit } from "../../src/validation/scalars";
import { normalizeJson, normalizeJsonObject, assertJsonSize } from "../../src/validation/json";
import { assertEntityRef, isWithinRef, parseEntityRef } from "../../src/validation/entity-refs";
import { runInNewContext } from "node:vm";

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isStoreError(e) ? e.code : `raw ${String(e)}`;
  }
  return "ok";
};

describe("validation", () => {
  test("ids", () => {
    expect(code(() => assertId("a"))).toBe("ok");
    expect(code(() => assertId(`a${"b".repeat(127)}`))).toBe("ok");
    for (const bad of ["", "-a", "a b", "é", `a${"b".repeat(128)}`, 1, null]) expect(code(() => assertId(bad))).toBe("VALIDATION");
  });

  test("timestamps are exact ISO-8601 UTC with milliseconds, and real instants", () => {
    expect(code(() => assertTimestamp("2024-02-29T23:59:59.999Z"))).toBe("ok");
    for (const bad of ["2026-02-30T00:00:00.000Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000+00:00", "x"])
      expect(code(() => assertTimestamp(bad))).toBe("VALIDATION");
    expect(laterTimestamp("2026-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z")).toBe("2026-01-01T00:00:00.000Z");
  });

  test("page limits", () => {
    expect(pageLimit(undefined)).toBe(100);
    expect(pageLimit(1000)).toBe(1000);
    for (const bad of [0, 1001, 1.5, "5"]) expect(code(() => pageLimit(bad))).toBe("VALIDATION");
  });

  test("JSON values: undefined dropped, -0 as 0, non-JSON rejected", () => {
    expect(normalizeJson({ a: undefined, b: -0, c: [1, "x", null, { d: true }] })).toEqual({ b: 0, c: [1, "x", null, { d: true }] });
    class C {}
    for (const bad of [
      Number.NaN,
      Infinity,
      BigInt(1),
      () => 1,
      Symbol("s"),
      new C(),
      new Date(0),
      new Map(),
      "\ud800",
      [undefined],
      { "\udc00": 1 },
    ]) {
      expect(code(() => normalizeJson({ v: bad }))).toBe("VALIDATION");
    }
    expect(code(() => normalizeJsonObject([1]))).toBe("VALIDATION");
    expect(code(() => normalizeJson(Array.from({ length: 33 }).reduce<unknown>((a) => [a], 1)))).toBe("VALIDATION");
  });

  test("plain objects from another realm (vm, jest sandboxes, structuredClone) are JSON objects", () => {
    const foreign = runInNewContext("({ a: { b: [1, { c: 2 }] } })");
    expect(Object.getPrototypeOf(foreign) === Object.prototype).toBe(false);
    expect(normalizeJsonObject(foreign)).toEqual({ a: { b: [1, { c: 2 }] } });
    expect(normalizeJsonObject(Object.create(null))).toEqual({});
    expect(code(() => normalizeJsonObject(runInNewContext("new (class K { constructor() { this.x = 1 } })()")))).toBe("VALIDATION");
  });

  test("JSON size limit is ITEM_TOO_LARGE", () => {
    expect(code(() => assertJsonSize({ s: "x".repeat(10) }, "it", 18))).toBe("ok");
    expect(code(() => assertJsonSize({ s: "x".repeat(11) }, "it", 18))).toBe("ITEM_TOO_LARGE");
  });

  test("entity refs", () => {
    expect(parseEntityRef("dialogue:d1/tension:T01")).toEqual([
      { type: "dialogue", id: "d1" },
      { type: "tension", id: "T01" },
    ]);
    expect(code(() => assertEntityRef("document:42"))).toBe("ok");
    for (const bad of ["document:0", "document:01", "Dialogue:x", "dialogue:", "dialogue:x/", "x"])
      expect(code(() => assertEntityRef(bad))).toBe("VALIDATION");
    expect(isWithinRef("dialogue:d1/tension:t", "dialogue:d1")).toBe(true);
    expect(isWithinRef("dialogue:d10", "dialogue:d1")).toBe(false);
  });
});

describe("errors", () => {
  test("isStoreError works across copies (a brand, not instanceof) and checks codes", () => {
    const e = new ConflictError("CONDITION_FAILED", "x");
    expect(isStoreError(e)).toBe(true);
    expect(isStoreError(e, "CONDITION_FAILED")).toBe(true);
    expect(isStoreError(e, "ALREADY_EXISTS")).toBe(false);
    const copy = Object.assign(Object.create(null), { code: "VALIDATION" });
    Object.defineProperty(copy, Symbol.for("@blue/store-core/StoreError"), { value: true });
    expect(isStoreError(copy, "VALIDATION")).toBe(true);
    expect(isStoreError({ code: "VALIDATION" })).toBe(false);
  });

  test("asStoreError keeps StoreErrors and wraps the rest as INTERNAL with the cause", () => {
    const v = new ValidationError("bad");
    expect(asStoreError(v, "ctx")).toBe(v);
    const raw = new TypeError("boom");
    const wrapped = asStoreError(raw, "reading");
    expect(wrapped).toBeInstanceOf(StoreError);
    expect([wrapped.code, wrapped.cause, wrapped.message]).toEqual(["INTERNAL", raw, "reading: boom"]);
  });
});
