import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { conformanceCases } from "../../src/conformance";

const file = join(__dirname, "../../../../docs/conformance.md");
const START = "<!-- cases:start -->";
const END = "<!-- cases:end -->";

/** The case tables of the doc, by area, generated from `conformanceCases()`. */
function caseTables(): string {
  const byArea = new Map<string, string[]>();
  for (const c of conformanceCases()) {
    const area = c.id.split(".")[0]!;
    const row = `| \`${c.id}\` | ${c.title}${c.requires ? ` (requires ${c.requires.join(", ")})` : ""} |`;
    byArea.set(area, [...(byArea.get(area) ?? []), row]);
  }
  return [...byArea]
    .map(([area, rows]) => [`### ${area} (${rows.length})`, "", "| id | checks |", "| --- | --- |", ...rows].join("\n"))
    .join("\n\n");
}

describe("docs/conformance.md", () => {
  // UPDATE_CONFORMANCE_DOCS=1 npx jest test/conformance/docs.test.ts rewrites the tables.
  if (process.env.UPDATE_CONFORMANCE_DOCS === "1") {
    const doc = readFileSync(file, "utf8");
    writeFileSync(file, `${doc.slice(0, doc.indexOf(START) + START.length)}\n${caseTables()}\n${doc.slice(doc.indexOf(END))}`);
  }

  test("lists every case id with its title, by area, as the code defines them", () => {
    const doc = readFileSync(file, "utf8");
    expect(doc.slice(doc.indexOf(START) + START.length, doc.indexOf(END)).trim()).toBe(caseTables());
  });
});
