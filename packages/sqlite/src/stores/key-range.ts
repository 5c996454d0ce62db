/**
 * Byte-exact key ranges over TEXT columns with BINARY collation (UTF-8 byte order, which is
 * Unicode code point order). No LIKE or GLOB ever sees user text.
 */

const MAX_CODE_POINT = 0x10ffff;

/**
 * The smallest string greater than every string that starts with `prefix`, or undefined when
 * there is none (empty prefix, or only U+10FFFF). `s` starts with `prefix` exactly when
 * `prefix <= s < prefixSuccessor(prefix)` in code point order.
 */
export function prefixSuccessor(prefix: string): string | undefined {
  const points = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < MAX_CODE_POINT) {
      const next = last === 0xd7ff ? 0xe000 : last + 1; // skip the surrogate range
      return String.fromCodePoint(...points, next);
    }
  }
  return undefined;
}

/** The smallest string greater than `s`: `x > s` exactly when `x >= keyAfter(s)`. */
export function keyAfter(s: string): string {
  return `${s}\u0000`;
}

/**
 * A string greater than every valid sort key (at most 1024 UTF-8 bytes): 257 times U+10FFFF,
 * 1028 bytes. Used as the open upper bound of a range.
 */
export const ABOVE_EVERY_KEY = String.fromCodePoint(MAX_CODE_POINT).repeat(257);
