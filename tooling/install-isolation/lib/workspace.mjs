// Builds the published packages and packs them with `pnpm pack`, as a release would.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runOrThrow } from "./exec.mjs";

/** The packages an application installs, by folder, in dependency order. */
export const PACKAGES = [
  { folder: "core", name: "@blue/store-core" },
  { folder: "sqlite", name: "@blue/store-sqlite" },
  { folder: "dynamodb", name: "@blue/store-dynamodb" },
  { folder: "config", name: "@blue/store-config" },
];

const PNPM = ["--yes", "pnpm@10"];

function hasFlock() {
  try {
    execFileSync("flock", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** `tsup` in every package (core under the shared build lock other jobs use, when flock exists). */
export async function buildPackages(root) {
  const flock = hasFlock();
  for (const { folder } of PACKAGES) {
    const cwd = join(root, "packages", folder);
    if (folder === "core" && flock) await runOrThrow("flock", ["/tmp/blue-core-build.lock", "npx", "tsup"], { cwd });
    else await runOrThrow("npx", ["tsup"], { cwd });
  }
}

/**
 * `pnpm pack` of every package into `destination`; pnpm rewrites `workspace:` ranges to
 * real versions. Returns { [package name]: absolute tarball path }.
 */
export async function packPackages(root, destination) {
  const tarballs = {};
  for (const { folder, name } of PACKAGES) {
    const before = new Set(readdirSync(destination));
    await runOrThrow("npx", [...PNPM, "pack", "--pack-destination", destination], { cwd: join(root, "packages", folder) });
    const created = readdirSync(destination).filter((file) => file.endsWith(".tgz") && !before.has(file));
    if (created.length !== 1) throw new Error(`pnpm pack of ${name} produced ${created.length} tarballs: ${created.join(", ")}`);
    tarballs[name] = join(destination, created[0]);
  }
  return tarballs;
}

/** The package.json inside a tarball. */
export function packedManifest(tarball) {
  return JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));
}

/** Every dependency range of a manifest that still says `workspace:` (must be none). */
export function workspaceRanges(manifest) {
  const found = [];
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) found.push(`${field}.${name}=${range}`);
    }
  }
  return found;
}
