// Collects the named checks of the run and prints the summary.
import { formatMs } from "./exec.mjs";

export class Report {
  checks = [];
  figures = [];

  /** Records a check; `detail` says what was seen when it failed (or a figure when it passed). */
  check(group, name, ok, detail = "") {
    this.checks.push({ group, name, ok: Boolean(ok), detail });
    const mark = ok ? "PASS" : "FAIL";
    console.log(`  ${mark}  [${group}] ${name}${detail && !ok ? `\n        ${detail.split("\n").join("\n        ")}` : ""}`);
    return Boolean(ok);
  }

  /** Runs `fn`; an exception becomes a failed check instead of ending the run. */
  async step(group, name, fn) {
    try {
      return await fn();
    } catch (error) {
      this.check(group, name, false, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  figure(label, ms) {
    this.figures.push(`${label}: ${formatMs(ms)}`);
  }

  get failed() {
    return this.checks.filter((c) => !c.ok);
  }

  print() {
    const passed = this.checks.length - this.failed.length;
    console.log("\n=== install isolation: summary ===");
    // The cases run in parallel: list their checks grouped, in the order the groups started.
    const groups = [...new Set(this.checks.map((c) => c.group))];
    const ordered = groups.flatMap((group) => this.checks.filter((c) => c.group === group));
    for (const c of ordered) console.log(`${c.ok ? "PASS" : "FAIL"}  [${c.group}] ${c.name}`);
    if (this.figures.length > 0) console.log(`\ntimings: ${this.figures.join("; ")}`);
    console.log(`\n${passed} passed, ${this.failed.length} failed, ${this.checks.length} checks`);
    if (this.failed.length > 0) {
      console.log("\nfailures:");
      for (const c of this.failed) console.log(`- [${c.group}] ${c.name}: ${c.detail}`);
    }
  }
}
