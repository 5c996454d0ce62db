/**
 * Terminal-safe output. Stored titles, bodies and keys are user data: printed raw, an ESC,
 * BEL or C1 control (U+009B is a one-character CSI) could retitle the window, clear the
 * screen or write the clipboard (OSC 52). Human output shows such characters as visible
 * escapes; JSON output escapes DEL and C1 too (JSON.stringify already escapes C0).
 */

/** C0 controls except newline and tab, DEL, and the C1 controls U+0080–U+009F. */
const HUMAN_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const JSON_UNSAFE = /[\u007f-\u009f]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, "0");

/** Human text with every control character but newline and tab shown as `\xNN` / `\u00NN`. */
export function neutralizeControls(text: string): string {
  return text.replace(HUMAN_UNSAFE, (c) => (c.charCodeAt(0) < 0x80 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** JSON text with U+007F–U+009F written as `\u007f` … `\u009f` (same value when parsed). */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${hex(c, 4)}`);
}

/** `JSON.stringify` for the terminal: C0, DEL and C1 characters escaped. */
export function safeJson(value: unknown, indent?: number): string {
  return escapeJsonControls(JSON.stringify(value, null, indent));
}
