#!/usr/bin/env node
// publint + @arethetypeswrong/cli for every public package, both run on the tarball pnpm
// would publish. publint runs with --strict (warnings fail). attw runs with the "node16"
// profile: every entry point must resolve with correct types under node16 (ESM and CJS) and
// bundler resolution; node10 is not checked, since it cannot see subpath exports.
// Usage: node tooling/release/lint-packages.mjs [package-name ...]   (default: every public package)
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, packPackage, publicPackages } from "./workspace.mjs";

const bin = (name) => join(ROOT, "node_modules", ".bin", name);
const TOOLS = [
  ["publint", (tarball) => [bin("publint"), ["run", tarball, "--strict", "--level", "suggestion"]]],
  ["attw", (tarball) => [bin("attw"), [tarball, "--profile", "node16", "--format", "ascii", "--no-definitely-typed", "--no-color"]]],
];

const wanted = process.argv.slice(2);
const packages = publicPackages().filter((pkg) => wanted.length === 0 || wanted.includes(pkg.name));
if (packages.length === 0) {
  console.error(`lint-packages: no public package matches ${wanted.join(", ") || "packages/*"}`);
  process.exit(1);
}
const failures = [];
for (const pkg of packages) {
  let tarball;
  try {
    tarball = packPackage(pkg);
  } catch (error) {
    console.log(`FAIL ${pkg.name}: pnpm pack failed: ${String(error.stderr || error.message).trim()}`);
    failures.push(`${pkg.name} (pack)`);
    continue;
  }
  for (const [tool, command] of TOOLS) {
    const [file, args] = command(tarball);
    const run = spawnSync(file, args, { cwd: ROOT, encoding: "utf8" });
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim();
    const ok = run.status === 0;
    if (!ok) failures.push(`${pkg.name} (${tool})`);
    console.log(`${ok ? "ok  " : "FAIL"} ${tool} ${pkg.name}`);
    if (!ok || process.env.BLUE_VERBOSE) console.log(output.replace(/^/gm, "       "));
  }
  rmSync(dirname(tarball), { recursive: true, force: true });
}
const total = packages.length * TOOLS.length;
console.log(
  `lint-packages: ${total - failures.length} passed, ${failures.length} failed${failures.length ? `: ${failures.join(", ")}` : ""}`,
);
process.exit(failures.length === 0 ? 0 : 1);
