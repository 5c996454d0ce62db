import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const SRC = join(__dirname, "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

test("no method of application traffic scans: Scan is used by the backup catalog (src/enumerate/) and, once per open of an unversioned table, by the layout check (Limit 1)", () => {
  const scanning = files(SRC)
    .filter((f) => /\bScan(Command)?\b/.test(readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")))
    .map((f) => relative(SRC, f));
  expect(scanning.filter((f) => !f.startsWith("enumerate/"))).toEqual(["table/layout.ts"]);
  expect(readFileSync(join(SRC, "table/layout.ts"), "utf8")).toMatch(/new ScanCommand\(\{ TableName: table, Limit: 1 \}\)/);
  expect(scanning).toContain("enumerate/scan.ts");
});
