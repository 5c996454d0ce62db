// Shared helpers of the release checks: the public packages of the workspace, running pnpm,
// and packing a package exactly as `pnpm publish` would (workspace: ranges rewritten).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (two levels above this file). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Every publishable package under packages/: `{ name, dir, manifest }`, sorted by folder. */
export function publicPackages(root = ROOT) {
  const base = join(root, "packages");
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(base, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { name: manifest.name, dir, manifest };
    })
    .filter((pkg) => pkg.manifest.private !== true)
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

/** The command that runs pnpm 10: the running pnpm when invoked by `pnpm run`, else npx. */
function pnpmCommand() {
  const execPath = process.env.npm_execpath ?? "";
  if (/pnpm/.test(execPath)) return [process.execPath, [execPath]];
  return ["npx", ["--yes", "pnpm@10"]];
}

/** Runs pnpm with `args` in `cwd`; returns stdout, throws with stderr on failure. */
export function pnpm(args, cwd) {
  const [command, prefix] = pnpmCommand();
  return execFileSync(command, [...prefix, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Packs `pkg` with pnpm into a fresh temp folder; returns the tarball path. */
export function packPackage(pkg, destination = mkdtempSync(join(tmpdir(), "blue-pack-"))) {
  pnpm(["pack", "--pack-destination", destination], pkg.dir);
  const tarballs = readdirSync(destination).filter((file) => file.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`${pkg.name}: expected one tarball in ${destination}, found ${tarballs.length}`);
  return join(destination, tarballs[0]);
}

/** The file paths inside a tarball, without the leading `package/`. */
export function tarballFiles(tarball) {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.length > 0 && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""));
}

/** The package.json inside a tarball, parsed. */
export function tarballManifest(tarball) {
  return JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
}
