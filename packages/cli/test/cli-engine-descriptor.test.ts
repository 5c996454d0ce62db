import { mkdir, writeFile } from "node:fs/promises";
import { openSqliteStorage } from "@blue/store-sqlite";
import { join } from "node:path";
import { runCli, removeTempFolders, tempProject, writeProjectConfig } from "./helpers";

// A custom engine module of the application's own: SQLite's engine under another name, with a
// setting and a doctor check of its own. doctor and conformance run it exactly as a built-in engine.
const SQLITE = JSON.stringify(require.resolve("@blue/store-sqlite"));
const ENGINE = `const { sqliteEngine } = require(${SQLITE});
exports.engine = {
  name: "my-files",
  settings: { file: { type: "string", default: "data/my.db", resolve: (f, { projectRoot }) => require("node:path").resolve(projectRoot, f) } },
  open: (s, context) => sqliteEngine.open({ path: s.file }, context),
  isolate: async (s, namespace) => ({ file: (await sqliteEngine.isolate({ path: s.file }, namespace)).path }),
  removeNamespace: (s) => sqliteEngine.removeNamespace({ path: s.file }),
  describe: (s) => ({ line: "my files at " + s.file, facts: { file: s.file } }),
  doctor: async () => [{ name: "quota", ok: ${"${OK}"}, detail: "quota checked", hint: "free some space" }],
};
`;

async function customProject(ok: boolean, withNamespaces = true): Promise<string> {
  const cwd = await tempProject();
  let source = ENGINE.replace("${OK}", String(ok));
  if (!withNamespaces) source = source.replace(/^\s*(isolate|removeNamespace):.*\n/gm, "");
  await writeFile(join(cwd, "engine.cjs"), source, { mode: 0o644 });
  await writeProjectConfig(cwd, '[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "./engine.cjs"\n');
  // doctor never creates storage: make the database first.
  await mkdir(join(cwd, "data"));
  await (await openSqliteStorage({ path: join(cwd, "data", "my.db") })).close();
  return cwd;
}

describe("the CLI asks the engine's descriptor", () => {
  afterAll(removeTempFolders);

  test("doctor prints the descriptor's description and runs its checks (built-in: sqlite's schema check)", async () => {
    const cwd = await tempProject();
    expect((await runCli(["init"], { cwd })).code).toBe(0);
    const sqlite = JSON.parse((await runCli(["doctor", "--json"], { cwd })).stdout) as {
      healthy: boolean;
      checks: Array<{ name: string; ok: boolean; detail: string }>;
    };
    expect(sqlite.healthy).toBe(true);
    expect(sqlite.checks.map((c) => c.name)).toEqual(["config", "open", "schema", "dialogues", "documents", "links", "search"]);
    expect(sqlite.checks.find((c) => c.name === "open")?.detail).toBe("sqlite .blue/blue.db: opened");
  });

  test("doctor on a custom engine: its description, and its failing check makes the report unhealthy", async () => {
    const healthy = await customProject(true);
    const ok = await runCli(["doctor"], { cwd: healthy });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`ok   open       custom engine my files at ${join(healthy, "data", "my.db")} (./engine.cjs): opened`);
    expect(ok.stdout).toContain("ok   quota      quota checked");
    const sick = await runCli(["doctor", "--json"], { cwd: await customProject(false) });
    expect(sick.code).toBe(1);
    const report = JSON.parse(sick.stdout) as {
      healthy: boolean;
      config: { settings: Record<string, unknown> };
      checks: Array<{ name: string; ok: boolean; hint?: string }>;
    };
    expect(report.healthy).toBe(false);
    expect(report.config.settings).toMatchObject({ module: "./engine.cjs" });
    expect(report.checks.find((c) => c.name === "quota")).toEqual({
      name: "quota",
      ok: false,
      detail: "quota checked",
      hint: "free some space",
    });
  });

  test("conformance runs a custom engine in the namespaces its descriptor provides, like a built-in one", async () => {
    const cwd = await customProject(true);
    const r = await runCli(["conformance", "--filter", "durability", "--json"], { cwd });
    const report = JSON.parse(r.stdout) as { harness: string; passed: number; failed: number };
    expect(report).toMatchObject({ harness: "my-files", failed: 0 });
    expect(report.passed).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });

  test("conformance on an engine that cannot isolate a namespace is NOT_SUPPORTED", async () => {
    const r = await runCli(["conformance"], { cwd: await customProject(true, false) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/conformance cannot isolate the my-files engine: its descriptor has no isolate\(\) and removeNamespace\(\)/);
  });
});
