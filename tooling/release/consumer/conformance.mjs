// Runs the published conformance kit of @blue/store-core, installed alone, against a tiny
// inline backend: the in-memory reference backend under its own name. Fails unless every
// case passes or is skipped with a reason, and at least one case ran.
import { createMemoryStorage } from "@blue/store-core";
import { conformanceCases, runConformance } from "@blue/store-core/conformance";

const harness = {
  name: "inline-memory",
  create: async ({ clock }) => createMemoryStorage({ clock, name: "inline-memory" }),
  destroy: async (backend) => backend.close(),
};
const report = await runConformance(harness);
for (const result of report.results.filter((r) => r.status === "failed")) {
  console.error(`FAIL ${result.id}: ${result.error ?? result.reason ?? ""}`);
}
const total = conformanceCases().length;
console.log(`conformance kit (${total} cases): ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
if (report.failed !== 0 || report.passed === 0 || report.results.length !== total) process.exit(1);
