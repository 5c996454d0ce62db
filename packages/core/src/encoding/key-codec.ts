import { ValidationError } from "../errors";

/**
 * An order-preserving tuple encoding of strings into one string key.
 *
 * Parts are joined by U+0001. Inside a part, U+0000, U+0001 and U+0002 are escaped as
 * U+0002 followed by U+0001, U+0002 or U+0003. Every escaped form is greater than the
 * separator, so `encodeKey(a) < encodeKey(b)` in byte order exactly when the tuple `a`
 * sorts before `b` part by part, and no user string can forge another tuple's key (or
 * reach into another key's range). The output never contains U+0000.
 */
export const KEY_SEPARATOR = "\u0001";
const ESCAPE = "\u0002";

export function encodeKeyPart(part: string): string {
  // Fast path: most parts contain none of the three low control characters.
  if (!/[\u0000-\u0002]/.test(part)) return part;
  let out = "";
  for (const ch of part) {
    const c = ch.charCodeAt(0);
    out += c <= 2 ? ESCAPE + String.fromCharCode(c + 1) : ch;
  }
  return out;
}

export function decodeKeyPart(encoded: string): string {
  if (!encoded.includes(ESCAPE)) return encoded;
  let out = "";
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded[i]!;
    if (ch === ESCAPE) {
      const next = encoded.charCodeAt(++i);
      if (!(next >= 1 && next <= 3)) throw new ValidationError("malformed encoded key part");
      out += String.fromCharCode(next - 1);
    } else out += ch;
  }
  return out;
}

/** Encodes a tuple of strings as one order-preserving key. */
export function encodeKey(parts: readonly string[]): string {
  return parts.map(encodeKeyPart).join(KEY_SEPARATOR);
}

/**
 * The inverse of `encodeKey`. It scans rather than splits: an escaped U+0000 is U+0002 U+0001,
 * so a U+0001 right after the escape character belongs to the part, not a separator.
 */
export function decodeKey(key: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < key.length; i++) {
    if (key[i] === ESCAPE) i++;
    else if (key[i] === KEY_SEPARATOR) {
      parts.push(decodeKeyPart(key.slice(start, i)));
      start = i + 1;
    }
  }
  parts.push(decodeKeyPart(key.slice(start)));
  return parts;
}

/**
 * The key prefix shared by every tuple that starts with `parts` followed by at least one
 * more part: `encodeKey([...parts, x]).startsWith(keyPrefix(parts))` for every x.
 */
export function keyPrefix(parts: readonly string[]): string {
  return encodeKey(parts) + KEY_SEPARATOR;
}
