#!/usr/bin/env node
// Pack check: packs every public package with pnpm (as `pnpm publish` would) and checks the
// tarball: package.json, README.md, LICENSE, the JS and types of every export, the publishing
// fields of the manifest, no `workspace:` range left, and nothing users do not need (tests,
// fixtures, source, source maps, tsconfig, jest/tsup config), and that every relative link of
// its Markdown files (README.md, guides) resolves to a file inside the tarball: the registry
// page and node_modules have nothing else (link anything else by absolute URL).
// Usage: node tooling/release/pack-check.mjs [package-name ...]   (default: every public package)
import { execFileSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { dirname, posix } from "node:path";
import { packPackage, publicPackages, tarballFiles, tarballManifest } from "./workspace.mjs";

const FORBIDDEN = [
  [/(^|\/)(test|tests|__tests__|__mocks__|fixtures?|__fixtures__|coverage)\//, "test or fixture folder"],
  [/\.(test|spec|bench)\.[cm]?[jt]sx?$/, "test file"],
  [/\.map$/, "source map"],
  [/^src\//, "source folder"],
  [/(^|\/)tsconfig[^/]*\.json$/, "tsconfig"],
  [/(^|\/)(jest|vitest|tsup)\.config\.[^/]*$/, "tool config"],
  [/\.tsbuildinfo$|(^|\/)\.turbo\/|(^|\/)node_modules\//, "build residue"],
];
const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"];
const TYPES = /\.d\.(m|c)?ts$/;
const JS = /\.(m|c)?js$/;

/** Every string target under an `exports` value, with the condition path that leads to it. */
function exportTargets(value, path = []) {
  if (typeof value === "string") return [{ path, target: value }];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => exportTargets(inner, [...path, key]));
}

/** The problems of one packed package; empty when it is fine. */
function checkTarball(files, manifest) {
  const problems = [];
  const present = new Set(files);
  const has = (target) => present.has(target.replace(/^\.\//, ""));
  for (const required of ["package.json", "README.md", "LICENSE"]) {
    if (!present.has(required)) problems.push(`missing ${required}`);
  }
  if (!files.some((file) => file.startsWith("dist/"))) problems.push("no dist/ in the tarball: build first (npx --yes pnpm@10 build)");
  for (const file of files) {
    const hit = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (hit) problems.push(`ships ${hit[1]}: ${file}`);
  }
  const exportsField = manifest.exports ?? {};
  if (exportsField["./package.json"] !== "./package.json") problems.push(`"./package.json" is not exported`);
  for (const [subpath, value] of Object.entries(exportsField)) {
    if (subpath === "./package.json") continue;
    const targets = exportTargets(value);
    for (const { path, target } of targets) {
      if (!has(target)) problems.push(`export "${subpath}" (${path.join(".")}) -> ${target}: not in the tarball`);
    }
    for (const condition of ["import", "require"]) {
      const branch = targets.filter((t) => t.path[0] === condition);
      if (!branch.some((t) => TYPES.test(t.target))) problems.push(`export "${subpath}": no types under "${condition}"`);
      if (!branch.some((t) => JS.test(t.target) && !TYPES.test(t.target))) problems.push(`export "${subpath}": no JS under "${condition}"`);
    }
  }
  for (const field of ["main", "module", "types"]) {
    if (manifest[field] && !has(manifest[field])) problems.push(`"${field}" -> ${manifest[field]}: not in the tarball`);
  }
  const bins = typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [name, target] of Object.entries(bins)) {
    if (!has(target)) problems.push(`bin "${name}" -> ${target}: not in the tarball`);
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) problems.push(`${field}.${dep} is still "${range}"`);
    }
  }
  if (manifest.sideEffects !== false) problems.push(`"sideEffects" is not false`);
  if (!manifest.engines?.node) problems.push(`"engines.node" is missing`);
  if (manifest.publishConfig?.access !== "public") problems.push(`"publishConfig.access" is not "public"`);
  if (!manifest.license) problems.push(`"license" is missing`);
  if (!manifest.repository?.url) problems.push(`"repository.url" is missing`);
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) problems.push(`"keywords" is empty`);
  if (!Array.isArray(manifest.files)) problems.push(`"files" is missing`);
  return problems;
}

/** Relative Markdown links (`[text](target)`, not http(s), mailto or #anchor) that name no file of the tarball. */
function deadLinks(tarball, files) {
  const present = new Set(files);
  const problems = [];
  for (const file of files.filter((f) => f.endsWith(".md"))) {
    const text = execFileSync("tar", ["-xzOf", tarball, `package/${file}`], { encoding: "utf8" });
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^([a-z][a-z0-9+.-]*:|#)/i.test(target)) continue;
      const path = posix.normalize(posix.join(posix.dirname(file), decodeURI(target.split("#")[0])));
      if (!present.has(path)) problems.push(`${file} links to ${target}, which is not in the tarball (link it by absolute URL)`);
    }
  }
  return problems;
}

const wanted = process.argv.slice(2);
const packages = publicPackages().filter((pkg) => wanted.length === 0 || wanted.includes(pkg.name));
if (packages.length === 0) {
  console.error(`pack-check: no public package matches ${wanted.join(", ") || "packages/*"}`);
  process.exit(1);
}
let failed = 0;
for (const pkg of packages) {
  let problems;
  let summary = "";
  try {
    const tarball = packPackage(pkg);
    const files = tarballFiles(tarball);
    problems = [...checkTarball(files, tarballManifest(tarball)), ...deadLinks(tarball, files)];
    summary = `${files.length} files, ${(statSync(tarball).size / 1024).toFixed(1)} kB packed`;
    rmSync(dirname(tarball), { recursive: true, force: true });
  } catch (error) {
    problems = [`pnpm pack failed: ${String(error.stderr || error.message).trim()}`];
  }
  if (problems.length > 0) failed += 1;
  console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${pkg.name}${summary ? `  (${summary})` : ""}`);
  for (const problem of problems) console.log(`       - ${problem}`);
}
console.log(`pack-check: ${packages.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
