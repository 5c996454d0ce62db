// The three application folders of the install-isolation check.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createApp, findInstalled, npmInstall, probe, typecheck } from "./apps.mjs";
import { checkNotInstalled, checkRoundTrip } from "./expect.mjs";

const isAwsSdk = (name) => name.startsWith("@aws-sdk/");
const isBetterSqlite = (name) => name === "better-sqlite3";
const isEngine = (name) => name === "@blue/store-sqlite" || name === "@blue/store-dynamodb";
/** The range of the AWS SDK that @blue/store-dynamodb declares as its peer dependency. */
const awsSdkPeerRange = (root) =>
  JSON.parse(readFileSync(join(root, "packages", "dynamodb", "package.json"), "utf8")).peerDependencies["@aws-sdk/client-dynamodb"];
const list = (paths) => paths.slice(0, 5).join(", ") + (paths.length > 5 ? ` … (${paths.length})` : "");

/** `registry` names packages the app installs itself from the registry, next to the tarballs (e.g. a peer dependency). */
async function install(report, group, folder, tarballs, names, registry = []) {
  const result = await report.step(group, "npm install of the tarballs", () =>
    npmInstall(folder, [...names.map((n) => tarballs[n]), ...registry]),
  );
  if (result === undefined) return false;
  report.check(
    group,
    `npm install ${[...names, ...registry].join(" ")} (one command, from the tarballs${registry.length > 0 ? " and the registry" : ""})`,
    true,
  );
  report.figure(`npm install (${group})`, result.ms);
  return true;
}

async function checkTypes(report, group, folder, root) {
  const result = await typecheck(folder, root);
  report.check(group, "published types type-check with skipLibCheck: false", result.code === 0, `${result.stdout}${result.stderr}`.trim());
}

/** core + config only: no engine at all. */
export async function runConfigOnly({ report, work, tarballs, root }) {
  const group = "config only";
  const folder = createApp(work, "app-config-only");
  if (!(await install(report, group, folder, tarballs, ["@blue/store-core", "@blue/store-config"]))) return;
  const heavy = findInstalled(folder, (n) => isAwsSdk(n) || isBetterSqlite(n) || isEngine(n));
  report.check(group, "no engine, no @aws-sdk/*, no better-sqlite3 installed", heavy.length === 0, list(heavy));
  // No .blue/ anywhere: the embedded default is SQLite, which is not installed.
  checkNotInstalled(report, group, "default config, ESM", await probe(folder, "roundtrip.mjs"), "@blue/store-sqlite");
  checkNotInstalled(report, group, "default config, CJS", await probe(folder, "roundtrip.cjs"), "@blue/store-sqlite");
  const dynamo = await probe(folder, "roundtrip.cjs", { BLUE_STORAGE_BACKEND: "dynamodb" });
  checkNotInstalled(report, group, "BLUE_STORAGE_BACKEND=dynamodb, CJS", dynamo, "@blue/store-dynamodb");
  checkRoundTrip(
    report,
    group,
    "BLUE_STORAGE_BACKEND=memory",
    await probe(folder, "roundtrip.mjs", { BLUE_STORAGE_BACKEND: "memory" }),
    "memory",
  );
  await checkTypes(report, group, folder, root);

  const custom = createApp(
    work,
    "app-config-only/custom",
    '[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "./custom-engine.mjs"\nflavour = "vanilla"\n',
  );
  checkRoundTrip(report, group, "custom ESM engine module, ESM", await probe(custom, "roundtrip.mjs"), "custom-vanilla");
  checkRoundTrip(report, group, "custom ESM engine module, CJS", await probe(custom, "roundtrip.cjs"), "custom-vanilla");
}

/** core + config + sqlite. */
export async function runSqlite({ report, work, tarballs, root }) {
  const group = "sqlite";
  const folder = createApp(work, "app-sqlite", '[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = ".blue/app.db"\n');
  if (!(await install(report, group, folder, tarballs, ["@blue/store-core", "@blue/store-config", "@blue/store-sqlite"]))) return;
  const aws = findInstalled(folder, isAwsSdk);
  report.check(group, "no @aws-sdk/* in node_modules", aws.length === 0, list(aws));
  report.check(group, "better-sqlite3 installed", findInstalled(folder, isBetterSqlite).length > 0);
  checkRoundTrip(report, group, "ESM", await probe(folder, "roundtrip.mjs"), "sqlite");
  checkRoundTrip(report, group, "CJS", await probe(folder, "roundtrip.cjs"), "sqlite");
  report.check(group, "the database is at the configured path .blue/app.db", existsSync(join(folder, ".blue", "app.db")));
  const dynamo = await probe(folder, "roundtrip.mjs", { BLUE_STORAGE_BACKEND: "dynamodb" });
  checkNotInstalled(report, group, "BLUE_STORAGE_BACKEND=dynamodb, ESM", dynamo, "@blue/store-dynamodb");
  await checkTypes(report, group, folder, root);
}

/** core + config + dynamodb + the AWS SDK (a peer dependency of the engine: the app installs it), against DynamoDB Local. */
export async function runDynamo({ report, work, tarballs, root }) {
  const group = "dynamodb";
  const folder = createApp(work, "app-dynamodb");
  const sdk = `@aws-sdk/client-dynamodb@${awsSdkPeerRange(root)}`;
  if (!(await install(report, group, folder, tarballs, ["@blue/store-core", "@blue/store-config", "@blue/store-dynamodb"], [sdk]))) return;
  const installed = findInstalled(folder, (n) => n === "@aws-sdk/client-dynamodb");
  report.check(group, "exactly one @aws-sdk/client-dynamodb (the app's) in node_modules", installed.length === 1, list(installed));
  const sqlite = findInstalled(folder, (n) => isBetterSqlite(n) || n === "@blue/store-sqlite");
  report.check(group, "no better-sqlite3 (and no @blue/store-sqlite) in node_modules", sqlite.length === 0, list(sqlite));

  let server;
  let endpoint = process.env.BLUE_TEST_DYNAMODB_ENDPOINT;
  if (endpoint === undefined) {
    const { startDynamoLocal } = createRequire(import.meta.url)(join(root, "tooling", "dynamodb-local"));
    server = await report.step(group, "start DynamoDB Local", () => startDynamoLocal());
    if (server === undefined) return;
    endpoint = server.endpoint;
  }
  try {
    const prefix = `iso${Date.now().toString(36)}_`;
    createApp(
      work,
      "app-dynamodb",
      `[storage]\nbackend = "dynamodb"\n\n[storage.dynamodb]\ntable_prefix = "${prefix}"\nregion = "us-east-1"\nendpoint = "${endpoint}"\ncreate_tables = true\n`,
    );
    const env = { AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" };
    checkRoundTrip(report, group, "ESM", await probe(folder, "roundtrip.mjs", env), "dynamodb");
    checkRoundTrip(report, group, "CJS", await probe(folder, "roundtrip.cjs", env), "dynamodb");
    const missing = await probe(folder, "roundtrip.cjs", { ...env, BLUE_STORAGE_BACKEND: "sqlite" });
    checkNotInstalled(report, group, "BLUE_STORAGE_BACKEND=sqlite, CJS", missing, "@blue/store-sqlite");
  } finally {
    await server?.stop();
  }
  await checkTypes(report, group, folder, root);
}
