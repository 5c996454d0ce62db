// Sums the pass/fail counts every runner printed (jest, vitest, and the project's own
// "N passed, N failed" checks) into one closing line.
import { readFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
let passed = 0;
let failed = 0;
let skipped = 0;
const num = (re, line) => Number(line.match(re)?.[1] ?? 0);
for (const line of text.split("\n")) {
  if (/\bTests:\s/.test(line)) {
    // jest: "Tests:       9 skipped, 268 passed, 277 total"
    passed += num(/(\d+) passed/, line);
    failed += num(/(\d+) failed/, line);
    skipped += num(/(\d+) skipped/, line);
  } else if (/^\s*(@[\w/-]+:test:\s+)?Tests\s+\d/.test(line)) {
    // vitest: "      Tests  168 passed | 9 skipped (177)"
    passed += num(/(\d+) passed/, line);
    failed += num(/(\d+) failed/, line);
    skipped += num(/(\d+) skipped/, line);
  } else if (/^\s*([\w-]+: )?\d+ passed, \d+ failed/.test(line)) {
    // pack-check, lint-packages, install isolation, publish test
    passed += num(/(\d+) passed/, line);
    failed += num(/(\d+) failed/, line);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
