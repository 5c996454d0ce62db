import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { isStoreError } from "../../src";
import { loadEnginePackage } from "../../src/engines/load-engine";
import { tempProject, type TempProject } from "../helpers/project";

const PACKAGE_ROOT = join(__dirname, "..", "..");
const DIST = join(PACKAGE_ROOT, "dist");

describe("an engine whose package is not installed", () => {
  it("is a BackendNotInstalledError naming the package and the pnpm and npm commands", async () => {
    const error = await loadEnginePackage("sqlite", "@blue/store-sqlite-absent").catch((e: unknown) => e);
    expect(isStoreError(error, "BACKEND_NOT_INSTALLED")).toBe(true);
    expect((error as Error).name).toBe("BackendNotInstalledError");
    expect((error as Error).message).toBe(
      'the "sqlite" backend is configured, but its package @blue/store-sqlite-absent is not installed; ' +
        "install it with `pnpm add @blue/store-sqlite-absent` or `npm install @blue/store-sqlite-absent`",
    );
    expect((error as { details: unknown }).details).toEqual({
      backend: "sqlite",
      package: "@blue/store-sqlite-absent",
      install: { pnpm: "pnpm add @blue/store-sqlite-absent", npm: "npm install @blue/store-sqlite-absent" },
    });
  });

  it("is an InternalError when the package is there but exports no descriptor", async () => {
    await expect(loadEnginePackage("memory", "@blue/store-core")).rejects.toMatchObject({
      code: "INTERNAL",
      message:
        "@blue/store-core does not export an engine descriptor `engine` (it is undefined, not an object); install a version compatible with @blue/store-config",
    });
  });
});

// The built package, run by plain Node outside jest, from a folder where only its real
// dependencies (core, smol-toml) are installed: the optional engines are missing.
describe("the built package without its optional engines", () => {
  let app: TempProject;
  beforeAll(() => {
    if (!existsSync(join(DIST, "index.cjs"))) throw new Error("build the package first (npx tsup)");
    app = tempProject("blue-config-dist-");
    const installed = join(app.root, "node_modules", "@blue", "store-config");
    mkdirSync(installed, { recursive: true });
    cpSync(DIST, join(installed, "dist"), { recursive: true });
    cpSync(join(PACKAGE_ROOT, "package.json"), join(installed, "package.json"));
    for (const name of ["@blue/store-core", "smol-toml"]) {
      const target = join(app.root, "node_modules", name);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(realpathSync(join(PACKAGE_ROOT, "node_modules", name)), target, "dir");
    }
  });
  afterAll(() => app.remove());

  function run(kind: "cjs" | "mjs", backend: string): { code: string; name: string; message: string } {
    const script = app.write(
      `probe-${backend}.${kind}`,
      (kind === "cjs"
        ? 'const { openStorage } = require("@blue/store-config");\n'
        : 'import { openStorage } from "@blue/store-config";\n') +
        `openStorage({ cwd: ${JSON.stringify(app.root)}, env: { BLUE_STORAGE_BACKEND: ${JSON.stringify(backend)} } }).then(\n` +
        '  () => console.log(JSON.stringify({ code: "OPENED" })),\n' +
        "  (e) => console.log(JSON.stringify({ code: e.code, name: e.name, message: e.message })),\n" +
        ");\n",
    );
    return JSON.parse(execFileSync(process.execPath, [script], { cwd: app.root, encoding: "utf8" })) as never;
  }

  it.each([
    ["cjs", "sqlite", "@blue/store-sqlite"],
    ["mjs", "sqlite", "@blue/store-sqlite"],
    ["cjs", "dynamodb", "@blue/store-dynamodb"],
    ["mjs", "dynamodb", "@blue/store-dynamodb"],
  ] as const)("%s build, backend %s: BACKEND_NOT_INSTALLED, not ERR_MODULE_NOT_FOUND", (kind, backend, packageName) => {
    expect(run(kind, backend)).toEqual({
      code: "BACKEND_NOT_INSTALLED",
      name: "BackendNotInstalledError",
      message:
        `the "${backend}" backend is configured, but its package ${packageName} is not installed; ` +
        `install it with \`pnpm add ${packageName}\` or \`npm install ${packageName}\``,
    });
  });

  it("the memory backend still opens", () => {
    expect(run("cjs", "memory")).toEqual({ code: "OPENED" });
  });

  it("the builds neither bundle nor statically load an engine: the only import() is the dynamic one", () => {
    for (const file of ["index.cjs", "index.mjs"]) {
      const code = readFileSync(join(DIST, file), "utf8");
      expect(code).not.toMatch(/(require\(|from\s+)["'](@blue\/store-(sqlite|dynamodb)|better-sqlite3|@aws-sdk\/[^"']*)["']/);
      expect(code).not.toMatch(/better-sqlite3|DynamoDBClient/);
      expect(code.match(/\bimport\(/g)).toHaveLength(1);
    }
  });

  it("the published types never name a type of an optional engine package", () => {
    for (const file of ["index.d.ts", "index.d.mts"]) {
      const types = readFileSync(join(DIST, file), "utf8");
      const imports = [...types.matchAll(/(?:from\s+|import\(\s*|reference types=)["']([^"']+)["']/g)].map((m) => m[1]);
      expect(imports.length).toBeGreaterThan(0);
      expect(imports.filter((name) => /^(@blue\/store-(sqlite|dynamodb)|better-sqlite3|@aws-sdk\/)/.test(name ?? ""))).toEqual([]);
    }
  });
});
