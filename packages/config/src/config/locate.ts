/** A 1-based position in the config text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Splits a TOML dotted key (`storage."sqlite".path`) into its segments. */
function splitDottedKey(text: string): string[] | undefined {
  const segments: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/y;
  let index = 0;
  while (index < text.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    segments.push(match[1] ?? match[2] ?? match[3] ?? "");
    index = pattern.lastIndex;
    if (match[4] === "") break;
  }
  return segments;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/**
 * Where the key `path` (e.g. ["storage", "dynamodb", "region"]) is written in TOML `text`:
 * its own line, or else the line of the nearest enclosing table header or inline table.
 * smol-toml reports positions of syntax errors only, so this scans the text line by line
 * (headers `[a.b]` and `key =` lines); it does not look inside multi-line strings.
 */
export function locateKey(text: string, path: readonly string[]): TextPosition | undefined {
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  let best: { position: TextPosition; depth: number } | undefined;
  const consider = (full: string[] | undefined, line: number, column: number) => {
    if (full === undefined || !startsWith(path, full)) return;
    if (best === undefined || full.length > best.depth) best = { position: { line, column }, depth: full.length };
  };
  lines.forEach((raw, i) => {
    const header = /^(\s*)\[\[?([^\]]*)\]\]?\s*(#.*)?$/.exec(raw);
    if (header !== null) {
      table = splitDottedKey(header[2] ?? "") ?? [];
      consider(table, i + 1, (header[1]?.length ?? 0) + 1);
      return;
    }
    const assignment = /^(\s*)([^=#]+?)\s*=/.exec(raw);
    if (assignment === null) return;
    const key = splitDottedKey(assignment[2] ?? "");
    consider(key && [...table, ...key], i + 1, (assignment[1]?.length ?? 0) + 1);
  });
  return best?.position;
}
