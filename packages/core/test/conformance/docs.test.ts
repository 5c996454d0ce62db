import { readFileSync } from "node:fs";
import { join } from "node:path";
import { conformanceCases } from "../../src/conformance";

const doc = readFileSync(join(__dirname, "../../../../docs/conformance.md"), "utf8");

describe("docs/conformance.md", () => {
  test("lists every case id, and no id that is not a case", () => {
    const ids = conformanceCases().map((c) => c.id);
    const listed = [...doc.slice(doc.indexOf("## The cases")).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(ids);
  });

  test("gives the case count of each area", () => {
    const counts = new Map<string, number>();
    for (const c of conformanceCases()) counts.set(c.id.split(".")[0]!, (counts.get(c.id.split(".")[0]!) ?? 0) + 1);
    for (const [area, n] of counts) expect(doc).toContain(`### ${area} (${n})`);
  });
});
