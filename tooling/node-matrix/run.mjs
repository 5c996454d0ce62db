#!/usr/bin/env node
// The Node matrix: runs the unit and conformance suites of the packages on Node 22 and 24 as
// well (the install and every other check run on the machine's Node 20).
//
// For each version:
//  1. the Node binary and its C++ headers come from the npm registry's `node-linux-<arch>`
//     package (it ships bin/node and include/node), cached in $BLUE_NODE_MATRIX_CACHE
//     (default ~/.cache/blue-store/node-matrix);
//  2. better-sqlite3 is a native module: a copy of the installed package (with its runtime
//     dependencies) is compiled for that version's ABI with npm's bundled node-gyp, against
//     those headers (`--nodedir`, no download), and cached under the same key;
//  3. a scratch copy of the workspace (sources, built dist/, the packages' node_modules links;
//     the root node_modules is shared) gets that build as packages/sqlite's better-sqlite3, so
//     the Node 20 install is never touched;
//  4. jest runs there under that Node, package by package, with one fixed conformance seed;
//     the versions run side by side (their output lines are prefixed with "[node N]").
// Test counts reach CI's closing line through the jest reports (tooling/jest-preset/report.js
// records the Node version); this script's own steps print "node-matrix: N passed, N failed".
//
//   node tooling/node-matrix/run.mjs [--versions 22.23.5,24.22.3] [--suites core,sqlite] [--keep]
//   (or $BLUE_NODE_MATRIX_VERSIONS, $BLUE_NODE_MATRIX_SUITES; default: every suite below)
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The Node versions besides the machine's: pinned, so a run is reproducible (bump them here). */
const DEFAULT_VERSIONS = ["22.23.5", "24.22.3"];
/** Per package: the jest arguments (all of its unit and conformance tests unless narrowed). */
const SUITES = {
  core: [],
  sqlite: [],
  config: [],
  // All but the three long end-to-end files (backup/restore and migrate across SQLite and
  // DynamoDB Local, and `blue-store conformance`, which runs the whole kit on both engines again:
  // minutes each, no Node-specific code; the kit runs on each engine above): they run on Node 20.
  cli: ["--testPathIgnorePatterns=/test/cli-(backup|migrate|conformance)\\.test\\.ts$"],
  // DynamoDB Local: the conformance kit and the main paths, as a smoke run on this Node.
  dynamodb: ["test/conformance.test.ts", "test/main-paths.test.ts"],
};
const SEED = "20261201";

const args = process.argv.slice(2);
const option = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const versions = (option("--versions") ?? process.env.BLUE_NODE_MATRIX_VERSIONS ?? DEFAULT_VERSIONS.join(",")).split(",").filter(Boolean);
const suites = (option("--suites") ?? process.env.BLUE_NODE_MATRIX_SUITES ?? Object.keys(SUITES).join(",")).split(",").filter(Boolean);
const keep = args.includes("--keep");
const cache = resolve(
  process.env.BLUE_NODE_MATRIX_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "blue-store", "node-matrix"),
);
const reportDir = process.env.BLUE_TEST_REPORT_DIR;

let passed = 0;
let failed = 0;
const log = (line) => console.log(`node-matrix: ${line}`);
function step(ok, what, detail = "") {
  if (ok) passed += 1;
  else failed += 1;
  log(`${ok ? "PASS" : "FAIL"} ${what}${detail ? ` (${detail})` : ""}`);
  return ok;
}

/** Copies a stream to `out` line by line, each line prefixed (the versions run side by side). */
function prefixLines(stream, out, prefix) {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => out.write(`${prefix}${line}\n`));
}

/**
 * Runs a command; resolves its exit code, and its output when `capture` is set (otherwise the
 * output is streamed, each line prefixed with `prefix`).
 */
function run(command, argv, { cwd = ROOT, env = process.env, capture = false, prefix = "" } = {}) {
  return new Promise((done) => {
    const child = spawn(command, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    if (capture) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    } else {
      prefixLines(child.stdout, process.stdout, prefix);
      prefixLines(child.stderr, process.stderr, prefix);
    }
    child.on("error", (e) => done({ code: 127, output: `${output}${e.message}` }));
    child.on("close", (code, signal) => done({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** bin/node and include/node of one version, from the registry's node-linux-<arch> package. */
async function nodeOf(version) {
  const dir = join(cache, `node-${version}`);
  if (existsSync(join(dir, "bin", "node"))) return dir;
  const tmp = mkdtempSync(join(cache, `.node-${version}-`));
  const spec = `node-${process.platform}-${process.arch}@${version}`;
  const packed = await run("npm", ["pack", spec, "--silent", "--pack-destination", tmp], { capture: true });
  const tarball = packed.output.trim().split("\n").at(-1);
  if (packed.code !== 0 || !tarball) throw new Error(`npm pack ${spec} failed: ${packed.output.slice(-2000)}`);
  const untar = await run("tar", ["-xzf", join(tmp, tarball), "-C", tmp], { capture: true });
  if (untar.code !== 0) throw new Error(`tar of ${tarball} failed: ${untar.output}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(join(tmp, "package"), dir);
  rmSync(tmp, { recursive: true, force: true });
  return dir;
}

/** npm's bundled node-gyp (npm ships with Node; pnpm's run sets npm_config_node_gyp). */
async function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  const npm = await run("npm", ["root", "-g"], { capture: true });
  if (npm.code === 0) candidates.push(join(npm.output.trim(), "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"));
  candidates.push(join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"));
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) throw new Error(`node-gyp not found (npm's bundled copy), tried: ${candidates.filter(Boolean).join(", ")}`);
  return found;
}

/** Copies an installed package (dereferenced) and, recursively, its runtime dependencies into `modules`. */
function copyPackage(name, fromDir, modules, skip) {
  const req = createRequire(join(fromDir, "package.json"));
  const source = realpathSync(dirname(req.resolve(`${name}/package.json`)));
  const target = join(modules, name);
  if (existsSync(target)) return;
  cpSync(source, target, {
    recursive: true,
    dereference: true,
    filter: (src) => !/[/\\](build|node_modules)$/.test(src.slice(source.length)),
  });
  const manifest = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
  for (const dep of Object.keys(manifest.dependencies ?? {})) if (!skip.has(dep)) copyPackage(dep, source, modules, skip);
}

/** A better-sqlite3 compiled for `nodeDir`'s ABI: returns its package folder (cached). */
async function betterSqliteFor(version, nodeDir) {
  const installed = realpathSync(join(ROOT, "packages", "sqlite", "node_modules", "better-sqlite3"));
  const bsVersion = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).version;
  const dir = join(cache, `better-sqlite3-${bsVersion}-node-${version}`);
  const pkg = join(dir, "node_modules", "better-sqlite3");
  if (existsSync(join(pkg, "build", "Release", "better_sqlite3.node"))) return pkg;
  const tmp = mkdtempSync(join(cache, `.better-sqlite3-node-${version}-`));
  // prebuild-install only runs at install time (and needs the network): not copied.
  copyPackage("better-sqlite3", join(ROOT, "packages", "sqlite"), join(tmp, "node_modules"), new Set(["prebuild-install"]));
  const started = Date.now();
  const gyp = await run(join(nodeDir, "bin", "node"), [await nodeGyp(), "rebuild", "--release", `--nodedir=${nodeDir}`], {
    cwd: join(tmp, "node_modules", "better-sqlite3"),
    env: { ...process.env, JOBS: process.env.JOBS ?? "max", PATH: `${join(nodeDir, "bin")}${delimiter}${process.env.PATH}` },
    capture: true,
  });
  if (gyp.code !== 0) throw new Error(`node-gyp rebuild for Node ${version} failed:\n${gyp.output.slice(-4000)}`);
  log(`compiled better-sqlite3 ${bsVersion} for Node ${version} in ${Math.round((Date.now() - started) / 1000)}s`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return pkg;
}

/** A scratch copy of the workspace whose packages/sqlite loads `betterSqlite`. */
async function workspaceCopy(work, version, betterSqlite) {
  const dest = join(work, `node-${version}`);
  mkdirSync(dest, { recursive: true });
  const excludes = ["./node_modules", "./.git", "./docs/api", "*/.turbo", "*/coverage"].map((p) => `--exclude=${p}`);
  const tar = await run("bash", ["-c", `tar -C "$1" ${excludes.join(" ")} -cf - . | tar -C "$2" -xf -`, "copy", ROOT, dest], {
    capture: true,
  });
  if (tar.code !== 0) throw new Error(`copying the workspace failed: ${tar.output}`);
  symlinkSync(join(ROOT, "node_modules"), join(dest, "node_modules"));
  const link = join(dest, "packages", "sqlite", "node_modules", "better-sqlite3");
  rmSync(link, { recursive: true, force: true });
  symlinkSync(betterSqlite, link);
  return dest;
}

const reportsNow = () => (reportDir && existsSync(reportDir) ? readdirSync(reportDir) : []);

async function runVersion(work, version) {
  let nodeDir;
  let betterSqlite;
  let tree;
  try {
    nodeDir = await nodeOf(version);
    const probe = await run(join(nodeDir, "bin", "node"), ["-p", "process.version"], { capture: true });
    if (!step(probe.code === 0 && probe.output.trim() === `v${version}`, `Node ${version} from the npm registry`, probe.output.trim()))
      return false;
  } catch (e) {
    return step(false, `Node ${version} from the npm registry`, e.message);
  }
  try {
    betterSqlite = await betterSqliteFor(version, nodeDir);
    const load = await run(
      join(nodeDir, "bin", "node"),
      ["-e", `const D = require(${JSON.stringify(betterSqlite)}); new D(":memory:").close();`],
      { capture: true },
    );
    if (!step(load.code === 0, `better-sqlite3 built for Node ${version} loads`, load.output.trim().slice(-500))) return false;
  } catch (e) {
    return step(false, `better-sqlite3 built for Node ${version}`, e.message);
  }
  try {
    tree = await workspaceCopy(work, version, betterSqlite);
  } catch (e) {
    return step(false, `workspace copy for Node ${version}`, e.message);
  }
  const env = {
    ...process.env,
    PATH: `${join(nodeDir, "bin")}${delimiter}${process.env.PATH}`,
    BLUE_CONFORMANCE_SEEDS: SEED,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  let green = true;
  for (const name of suites) {
    if (!(name in SUITES)) {
      step(false, `unknown suite ${name} (suites: ${Object.keys(SUITES).join(", ")})`);
      green = false;
      continue;
    }
    const before = new Set(reportsNow());
    const started = Date.now();
    log(`Node ${version}: jest in packages/${name}`);
    const jest = join(tree, "node_modules", "jest", "bin", "jest.js");
    const result = await run(join(nodeDir, "bin", "node"), [jest, "--ci", ...SUITES[name]], {
      cwd: join(tree, "packages", name),
      env,
      prefix: `[node ${version.split(".")[0]}] `,
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    const reported = reportsNow().some((f) => !before.has(f));
    if (result.code !== 0) green = false;
    if (reportDir && reported)
      log(`Node ${version}: packages/${name} exited ${result.code} after ${seconds}s (counted from its jest report)`);
    else step(result.code === 0, `Node ${version}: packages/${name} tests`, `exit ${result.code}, ${seconds}s`);
  }
  return green;
}

async function main() {
  const started = Date.now();
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "blue-node-matrix-"));
  let green = true;
  try {
    // Side by side: on a small machine jest runs one worker per run, so two runs use two cores.
    const results = await Promise.all(versions.map((version) => runVersion(work, version)));
    green = results.every(Boolean);
  } finally {
    if (keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  log(`finished in ${Math.round((Date.now() - started) / 1000)}s`);
  console.log(`node-matrix: ${passed} passed, ${failed} failed`);
  process.exitCode = green && failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  console.log(`node-matrix: ${passed} passed, ${failed + 1} failed`);
  process.exitCode = 1;
});
