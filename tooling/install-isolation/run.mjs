#!/usr/bin/env node
// Install isolation, for real: packs @blue/store-core, -sqlite, -dynamodb and -config with
// `pnpm pack`, installs them with npm into fresh folders outside the workspace, as an
// application would, and checks that an app gets only the engine it installs:
//   config only        -> no engine, no AWS SDK, no better-sqlite3; BACKEND_NOT_INSTALLED;
//                         a custom ESM engine module works
//   config + sqlite    -> no @aws-sdk/*; a script opens .blue/config.toml and round-trips
//   config + dynamodb  -> (with the AWS SDK, the engine's peer, installed by the app) no
//                         better-sqlite3; the same script against DynamoDB Local
// Every app also type-checks against the published types with skipLibCheck off.
// Usage: node tooling/install-isolation/run.mjs [--skip-build] [--keep] [--work-dir DIR]
//        [--only config-only,sqlite,dynamodb]
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatMs } from "./lib/exec.mjs";
import { Report } from "./lib/report.mjs";
import { buildPackages, packPackages, packedManifest, workspaceRanges, PACKAGES } from "./lib/workspace.mjs";
import { runConfigOnly, runDynamo, runSqlite } from "./lib/cases.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const workDirArg = option("--work-dir");
const only = option("--only");

async function main() {
  const report = new Report();
  const started = Date.now();
  const work = workDirArg ? resolve(workDirArg) : mkdtempSync(join(tmpdir(), "blue-install-isolation-"));
  mkdirSync(join(work, "tarballs"), { recursive: true });
  console.log(`install isolation in ${work}`);

  if (!flag("--skip-build")) {
    const t = Date.now();
    const built = await report.step("pack", "build the packages (tsup)", () => buildPackages(ROOT).then(() => true));
    if (built) report.check("pack", "build the packages (tsup)", true);
    report.figure("build", Date.now() - t);
  }
  const tarballs = await report.step("pack", "pnpm pack", () => packPackages(ROOT, join(work, "tarballs")));
  if (tarballs !== undefined) {
    report.check("pack", `pnpm pack: ${PACKAGES.length} tarballs`, Object.keys(tarballs).length === PACKAGES.length);
    for (const { name } of PACKAGES) {
      const leftovers = workspaceRanges(packedManifest(tarballs[name]));
      report.check("pack", `${name}: no workspace: ranges left`, leftovers.length === 0, leftovers.join(", "));
    }
    const config = packedManifest(tarballs["@blue/store-config"]);
    const optional = ["@blue/store-sqlite", "@blue/store-dynamodb"].every(
      (peer) => config.peerDependencies?.[peer] !== undefined && config.peerDependenciesMeta?.[peer]?.optional === true,
    );
    report.check("pack", "@blue/store-config: sqlite and dynamodb are optional peers", optional, JSON.stringify(config.peerDependencies));
    const dynamo = packedManifest(tarballs["@blue/store-dynamodb"]);
    const sdkPeer =
      dynamo.peerDependencies?.["@aws-sdk/client-dynamodb"] !== undefined &&
      dynamo.dependencies?.["@aws-sdk/client-dynamodb"] === undefined;
    report.check(
      "pack",
      "@blue/store-dynamodb: the AWS SDK is a peer dependency, not a dependency",
      sdkPeer,
      JSON.stringify(dynamo.peerDependencies),
    );
    const engines = Object.keys(config.dependencies ?? {}).filter((d) => /store-(sqlite|dynamodb)|better-sqlite3|@aws-sdk/.test(d));
    report.check("pack", "@blue/store-config: no engine among its dependencies", engines.length === 0, engines.join(", "));

    const cases = { "config-only": runConfigOnly, sqlite: runSqlite, dynamodb: runDynamo };
    const selected = only === undefined ? Object.keys(cases) : only.split(",");
    const unknown = selected.filter((name) => !(name in cases));
    if (unknown.length > 0) throw new Error(`--only: unknown case ${unknown.join(", ")} (cases: ${Object.keys(cases).join(", ")})`);
    const results = await Promise.allSettled(selected.map((name) => cases[name]({ report, work, tarballs, root: ROOT })));
    for (const r of results) if (r.status === "rejected") report.check("run", "case crashed", false, String(r.reason?.stack ?? r.reason));
  }

  report.figure("total", Date.now() - started);
  report.print();
  if (!flag("--keep") && !workDirArg) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  console.log(`finished in ${formatMs(Date.now() - started)}`);
  process.exitCode = report.failed.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
