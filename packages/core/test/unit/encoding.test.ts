import * as fc from "fast-check";
import { compareUtf8, compareUtf8Tuples, utf8ByteLength } from "../../src/encoding/utf8";
import { decodeKey, encodeKey, keyPrefix } from "../../src/encoding/key-codec";
import { decodeCursor, encodeCursor } from "../../src/encoding/cursor";
import { createIdGenerator } from "../../src/encoding/id-generator";
import { isStoreError } from "../../src/errors";
import { ID_PATTERN } from "../../src/validation/scalars";

const byteCompare = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
const text = fc.string({ unit: "grapheme", maxLength: 8 });
const keyChars = fc.string({ unit: fc.constantFrom("\u0000", "\u0001", "\u0002", "\u0003", "a", "#", "\uffff", "😀", "é"), maxLength: 6 });

describe("compareUtf8", () => {
  test("agrees with UTF-8 byte order on arbitrary well-formed strings", () => {
    fc.assert(
      fc.property(text, text, (a, b) => Math.sign(compareUtf8(a, b)) === byteCompare(a, b)),
      { numRuns: 2000 },
    );
  });

  test("puts U+FFFF before astral characters, unlike JavaScript's <", () => {
    expect(compareUtf8("\uffff", "😀")).toBeLessThan(0);
    expect("\uffff" < "😀").toBe(false);
    expect(compareUtf8("\ue000", "\u{10000}")).toBeLessThan(0);
    expect(compareUtf8("a", "ab")).toBeLessThan(0);
    expect(compareUtf8("x", "x")).toBe(0);
  });

  test("compares tuples element by element", () => {
    expect(compareUtf8Tuples(["a", "\uffff"], ["a", "😀"])).toBeLessThan(0);
    expect(compareUtf8Tuples(["a"], ["a", ""])).toBeLessThan(0);
    expect(compareUtf8Tuples(["b"], ["a", "z"])).toBeGreaterThan(0);
  });
});

describe("utf8ByteLength", () => {
  test("matches Buffer.byteLength for well-formed strings", () => {
    fc.assert(
      fc.property(text, (s) => utf8ByteLength(s) === Buffer.byteLength(s, "utf8")),
      { numRuns: 1000 },
    );
  });
  test("counts a lone surrogate as 3 bytes (what a replacement character takes)", () => {
    expect(utf8ByteLength("\ud800")).toBe(3);
    expect(utf8ByteLength("😀")).toBe(4);
  });
});

describe("key codec", () => {
  test("roundtrips any tuple, never contains NUL", () => {
    fc.assert(
      fc.property(fc.array(keyChars, { minLength: 1, maxLength: 4 }), (parts) => {
        const key = encodeKey(parts);
        expect(decodeKey(key)).toEqual(parts);
        expect(key.includes("\u0000")).toBe(false);
      }),
    );
  });

  test("preserves tuple order in byte order and is injective", () => {
    const tuple = fc.array(keyChars, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(tuple, tuple, (a, b) => Math.sign(compareUtf8(encodeKey(a), encodeKey(b))) === Math.sign(compareUtf8Tuples(a, b))),
      { numRuns: 2000 },
    );
  });

  test("a prefix covers exactly the tuples that extend it", () => {
    fc.assert(
      fc.property(fc.array(keyChars, { minLength: 1, maxLength: 2 }), fc.array(keyChars, { minLength: 1, maxLength: 3 }), (p, t) => {
        const extends_ = t.length > p.length && p.every((x, i) => t[i] === x);
        return encodeKey(t).startsWith(keyPrefix(p)) === extends_;
      }),
      { numRuns: 2000 },
    );
  });

  test("rejects malformed escapes with a ValidationError", () => {
    expect(() => decodeKey("a\u0002z")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });
});

describe("cursor codec", () => {
  test("roundtrips positions within a scope", () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (scope, position) => {
        expect(decodeCursor(scope, encodeCursor(scope, position as never))).toEqual(JSON.parse(JSON.stringify(position)));
      }),
    );
  });

  test("a cursor is opaque base64url and bound to its scope", () => {
    const c = encodeCursor("documents", 5);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const bad of [encodeCursor("links", 5), "", "***", c.slice(0, -2), Buffer.from('{"v":2,"p":1}').toString("base64url"), 5]) {
      let error: unknown;
      try {
        decodeCursor("documents", bad);
      } catch (e) {
        error = e;
      }
      expect(isStoreError(error, "VALIDATION")).toBe(true);
    }
  });
});

describe("id generator", () => {
  test("ids match the id pattern and increase strictly, within one millisecond and when the clock goes back", () => {
    let now = Date.parse("2026-01-01T00:00:00.000Z");
    const next = createIdGenerator(() => new Date(now));
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(next());
      if (i % 10 === 9) now += i === 29 ? -5000 : 1;
    }
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
    for (let i = 1; i < ids.length; i++) expect(compareUtf8(ids[i - 1]!, ids[i]!)).toBeLessThan(0);
  });

  test("ids of later milliseconds sort after earlier ones across generators", () => {
    const a = createIdGenerator(() => new Date(1000))();
    const b = createIdGenerator(() => new Date(1001))();
    expect(compareUtf8(a, b)).toBeLessThan(0);
  });

  test("rolls over to the next millisecond when the random part is exhausted", () => {
    const next = createIdGenerator(
      () => new Date(0),
      () => 0.9999999,
    );
    const first = next();
    const second = next();
    expect(second.slice(0, 10) > first.slice(0, 10)).toBe(true);
  });
});
