/**
 * How a failure message tells the reader to repeat one case: the command of the test runner
 * the kit ran under (the adapters), or the `runConformance` call (the programmatic runner).
 */

/** The reproduce hint for a run's seed and one case id. */
export type ReproduceHint = (run: { seed: number; caseId: string }) => string;

/** The runners the adapters register with. */
export type TestRunner = "jest" | "vitest" | "node-test";

/** The programmatic runner's hint (the default). */
export const programmaticHint: ReproduceHint = ({ seed, caseId }) =>
  `runConformance(harness, { seed: ${seed}, filter: ${JSON.stringify(caseId)} })`;

/** A test-name pattern (a RegExp source) that selects exactly the case `caseId`. */
export function casePattern(caseId: string): string {
  return `${caseId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
}

const shellQuote = (s: string) => (/^[A-Za-z0-9_./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** `file` relative to the working directory, when it lies inside it. */
function relativeFile(file: string | undefined): string | undefined {
  if (!file || typeof process === "undefined") return file || undefined;
  const cwd = process.cwd().replace(/\\/g, "/");
  const f = file.replace(/\\/g, "/");
  return f.startsWith(`${cwd}/`) ? f.slice(cwd.length + 1) : f;
}

/**
 * The command that reruns one case under `runner`, with the run's seed in
 * `BLUE_CONFORMANCE_SEED` (which the adapters read). `testFile()` names the test file when the
 * runner can tell (read when a case fails, not at registration).
 */
export function runnerHint(runner: TestRunner, testFile: () => string | undefined = () => undefined): ReproduceHint {
  return ({ seed, caseId }) => {
    const file = relativeFile(testFile());
    const pattern = shellQuote(casePattern(caseId));
    const at = file ? ` ${shellQuote(file)}` : "";
    const env = `BLUE_CONFORMANCE_SEED=${seed}`;
    if (runner === "jest") return `${env} npx jest${at} -t ${pattern}`;
    if (runner === "vitest") return `${env} npx vitest run${at} -t ${pattern}`;
    return `${env} node --test --test-name-pattern=${pattern}${at}`;
  };
}
