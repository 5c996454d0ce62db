// Fresh application folders outside the workspace, installed from the tarballs with npm.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, runOrThrow } from "./exec.mjs";

const APP_FILES = join(dirname(fileURLToPath(import.meta.url)), "..", "app");

/** Creates `<base>/<name>` with a package.json and the probe scripts, and `.blue/config.toml` if given. */
export function createApp(base, name, configToml) {
  const folder = join(base, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "package.json"), JSON.stringify({ name: `isolation-${name}`, private: true, version: "0.0.0" }, null, 2));
  cpSync(APP_FILES, folder, { recursive: true });
  if (configToml !== undefined) writeApp(folder, ".blue/config.toml", configToml);
  return folder;
}

export function writeApp(folder, relativePath, text) {
  mkdirSync(dirname(join(folder, relativePath)), { recursive: true });
  writeFileSync(join(folder, relativePath), text);
}

/** `npm install` of all the tarballs in one command, so npm resolves `@blue/*` ranges from them. */
export async function npmInstall(folder, tarballs) {
  return runOrThrow("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", ...tarballs], {
    cwd: folder,
    timeoutMs: 900_000,
  });
}

/** Every installed package folder (node_modules at any depth) whose name matches `test`. */
export function findInstalled(folder, test) {
  const found = [];
  const walk = (modules) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith(".")) continue;
      const names = entry.startsWith("@") ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`) : [entry];
      for (const name of names) {
        if (test(name)) found.push(join(modules, name));
        walk(join(modules, name, "node_modules"));
      }
    }
  };
  walk(join(folder, "node_modules"));
  return found;
}

/** Runs a probe script of the app; resolves its last stdout line parsed as JSON. */
export async function probe(folder, script, env = {}) {
  const result = await run(process.execPath, [script], { cwd: folder, env: { ...process.env, ...env }, timeoutMs: 120_000 });
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return { exit: result.code, ...JSON.parse(last) };
  } catch {
    return { exit: result.code, unparsed: `${result.stdout}\n${result.stderr}`.trim().slice(-2000) };
  }
}

/** Type-checks the app's check.ts with the workspace's TypeScript and skipLibCheck off. */
export async function typecheck(folder, workspaceRoot) {
  const tsc = join(workspaceRoot, "node_modules", "typescript", "bin", "tsc");
  const args = [
    tsc,
    "--noEmit",
    "--strict",
    "--skipLibCheck",
    "false",
    "--target",
    "es2022",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--typeRoots",
    join(workspaceRoot, "node_modules", "@types"),
    "--types",
    "node",
    "check.ts",
  ];
  return run(process.execPath, args, { cwd: folder, timeoutMs: 120_000 });
}
