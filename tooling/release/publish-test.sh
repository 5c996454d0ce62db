#!/usr/bin/env bash
# The publish test: publishes every public package to a throwaway verdaccio registry and uses
# them as a user would, from fresh folders outside the workspace.
#   1. start verdaccio on 127.0.0.1 (free port, throwaway config + storage; @blue/* is local
#      only, everything else is proxied to the npm registry) and create a publishing user;
#   2. copy the workspace, `changeset version --snapshot ci`, build every public package there,
#      and `changeset publish` to the registry (pnpm rewrites workspace: ranges on the way);
#   3. kit folder: `npm install @blue/store-core` alone, run its conformance kit on an inline
#      backend (runConformance from ESM, and the node:test adapter from CJS): 0 failed;
#   4. app folder: `npm install @blue/store-config @blue/store-sqlite`, then an ESM and a CJS
#      script open storage from .blue/config.toml and round-trip a dialogue, and a TypeScript
#      consumer compiles with skipLibCheck false under node16 (ESM and CJS) and bundler; then
#      `npm install @blue/store-cli` there and its `blue-store` bin reads the same project.
# The registry is stopped and every temp folder removed on exit, pass or fail.
# Usage: bash tooling/release/publish-test.sh   (needs `pnpm install` done; it builds in its copy)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONSUMER="$ROOT/tooling/release/consumer"
VERDACCIO_VERSION="6.8.0"   # the newest verdaccio whose engines allow Node 20 (6.9+ needs Node 22)
UPSTREAM="$(npm config get registry)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/blue-publish-test.XXXXXX")"
VERDACCIO_PID=""
STEPS_PASSED=0

cleanup() {
  local status=$?
  if [ -n "$VERDACCIO_PID" ] && kill -0 "$VERDACCIO_PID" 2>/dev/null; then
    kill "$VERDACCIO_PID" 2>/dev/null || true
    wait "$VERDACCIO_PID" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$WORK/registry/verdaccio.log" ]; then
    echo "--- last lines of the verdaccio log ---" >&2
    tail -n 30 "$WORK/registry/verdaccio.log" >&2 || true
  fi
  rm -rf "$WORK"
  if [ "$status" -eq 0 ]; then
    echo "publish-test: $STEPS_PASSED passed, 0 failed"
  else
    echo "publish-test: $STEPS_PASSED passed, 1 failed (exit $status); registry stopped, $WORK removed" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo; echo "== $*"; }
passed() { STEPS_PASSED=$((STEPS_PASSED + 1)); echo "ok: $*"; }
# BLUE_* variables would override the consumer projects' .blue/config.toml.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^BLUE_' || true)
# changeset publish runs `pnpm publish`: give it pnpm 10 when none is on PATH.
if ! command -v pnpm >/dev/null 2>&1; then
  mkdir -p "$WORK/bin"
  printf '#!/bin/sh\nexec npx --yes pnpm@10 "$@"\n' > "$WORK/bin/pnpm"
  chmod +x "$WORK/bin/pnpm"
  export PATH="$WORK/bin:$PATH"
fi

step "start verdaccio $VERDACCIO_VERSION"
# Installed with npm into the throwaway folder: its verdaccio-audit asks for node-fetch@"cjs",
# a dist-tag the registry no longer has, so node-fetch is pinned to the 2.x that tag named.
mkdir -p "$WORK/verdaccio" "$WORK/registry/storage"
cat > "$WORK/verdaccio/package.json" <<EOF
{ "name": "blue-publish-test-registry", "private": true,
  "dependencies": { "verdaccio": "$VERDACCIO_VERSION" }, "overrides": { "node-fetch": "2.7.0" } }
EOF
(cd "$WORK/verdaccio" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error --cache "$WORK/npm-cache" >/dev/null)
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
REGISTRY="http://127.0.0.1:$PORT/"
cat > "$WORK/registry/config.yaml" <<EOF
storage: $WORK/registry/storage
auth:
  htpasswd:
    file: $WORK/registry/htpasswd
    max_users: 1
    rounds: 4
uplinks:
  npmjs:
    url: $UPSTREAM
    timeout: 120s
packages:
  '@blue/*':
    access: \$all
    publish: \$authenticated
    unpublish: \$authenticated
  '**':
    access: \$all
    publish: \$authenticated
    proxy: npmjs
web:
  enable: false
max_body_size: 100mb
listen: 127.0.0.1:$PORT
log: { type: stdout, format: pretty, level: warn }
EOF
node "$WORK/verdaccio/node_modules/verdaccio/bin/verdaccio" --config "$WORK/registry/config.yaml" \
  > "$WORK/registry/verdaccio.log" 2>&1 &
VERDACCIO_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "${REGISTRY}-/ping" >/dev/null 2>&1 && break
  kill -0 "$VERDACCIO_PID" 2>/dev/null || { echo "verdaccio exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "${REGISTRY}-/ping" >/dev/null
TOKEN="$(curl -fsS -X PUT -H 'content-type: application/json' \
  -d '{"name":"blue-ci","password":"blue-ci-throwaway","type":"user","roles":[]}' \
  "${REGISTRY}-/user/org.couchdb.user:blue-ci" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')"
[ -n "$TOKEN" ] && [ "$TOKEN" != "undefined" ]
passed "verdaccio listening on $REGISTRY (pid $VERDACCIO_PID), user blue-ci"

step "snapshot version and publish the workspace copy"
mkdir -p "$WORK/workspace"
# Package node_modules are pnpm's relative symlinks: kept, they resolve inside the copy (pnpm
# publish reads the versions behind workspace: ranges there) or through the root link.
tar -C "$ROOT" --exclude=./node_modules --exclude=./.git --exclude=.turbo --exclude=.blue --exclude=coverage --exclude=dist -cf - . \
  | tar -C "$WORK/workspace" -xf -
ln -s "$ROOT/node_modules" "$WORK/workspace/node_modules"
printf 'registry=%s\n//127.0.0.1:%s/:_authToken=%s\n' "$REGISTRY" "$PORT" "$TOKEN" > "$WORK/workspace/.npmrc"
cd "$WORK/workspace"
export npm_config_registry="$REGISTRY"
# A changeset of its own, so the snapshot bumps every public package even after a release
# has consumed the repository's changesets.
node -e '
  const fs = require("fs");
  const names = fs.readdirSync("packages").map((d) => JSON.parse(fs.readFileSync(`packages/${d}/package.json`, "utf8")))
    .filter((m) => !m.private).map((m) => `"${m.name}": patch`);
  fs.writeFileSync(".changeset/publish-test-snapshot.md", `---\n${names.join("\n")}\n---\n\nPublish test snapshot.\n`);'
node_modules/.bin/changeset version --snapshot ci
VERSION="$(node -p 'require("./packages/core/package.json").version')"
# As `release` does: a clean build of the versioned sources, then publish.
node_modules/.bin/turbo run build --filter='./packages/*' --force --output-logs=errors-only --no-daemon
node_modules/.bin/changeset publish --tag ci --no-git-tag
PUBLIC="$(node -e '
  const fs = require("fs");
  for (const d of fs.readdirSync("packages")) {
    const m = JSON.parse(fs.readFileSync(`packages/${d}/package.json`, "utf8"));
    if (!m.private) console.log(`${m.name}@${m.version}`);
  }')"
for spec in $PUBLIC; do
  npm view "$spec" version --registry "$REGISTRY" >/dev/null || { echo "not published: $spec" >&2; exit 1; }
done
unset npm_config_registry
passed "published $(echo "$PUBLIC" | wc -l) packages at $VERSION: $(echo $PUBLIC | tr '\n' ' ')"

# A fresh npm project outside the workspace that installs from the throwaway registry.
new_project() {
  mkdir -p "$1"
  printf '{ "name": "%s", "version": "1.0.0", "private": true }\n' "$(basename "$1")" > "$1/package.json"
  printf 'registry=%s\n' "$REGISTRY" > "$1/.npmrc"
}

step "kit: npm install @blue/store-core alone, run its conformance kit"
KIT="$WORK/kit"
new_project "$KIT"
cd "$KIT"
npm install --no-audit --no-fund --loglevel=error --cache "$WORK/npm-cache" "@blue/store-core@$VERSION"
for absent in jest vitest @jest/globals; do
  [ ! -e "node_modules/$absent" ] || { echo "installing @blue/store-core pulled in $absent" >&2; exit 1; }
done
cp "$CONSUMER/conformance.mjs" "$CONSUMER/conformance.test.cjs" .
node conformance.mjs
passed "conformance kit (runConformance, ESM) on an inline backend, installed without jest or vitest"
node --test --test-reporter=tap conformance.test.cjs > node-test.tap || { tail -n 40 node-test.tap; exit 1; }
grep -E '^# (pass|fail|skipped) ' node-test.tap
grep -qE '^# pass [1-9]' node-test.tap || { echo "node --test ran no passing case" >&2; exit 1; }
passed "conformance kit through its node:test adapter (CJS)"

step "app: npm install @blue/store-config @blue/store-sqlite (better-sqlite3 may compile from source)"
APP="$WORK/app"
new_project "$APP"
cd "$APP"
npm install --no-audit --no-fund --loglevel=error --cache "$WORK/npm-cache" \
  "@blue/store-config@$VERSION" "@blue/store-sqlite@$VERSION" "@types/node@^20.19.0"
for absent in @aws-sdk/client-dynamodb jest vitest; do
  [ ! -e "node_modules/$absent" ] || { echo "installing config + sqlite pulled in $absent" >&2; exit 1; }
done
node -e '
  const m = require("@blue/store-config/package.json");
  const ranges = { ...m.dependencies, ...m.peerDependencies };
  const bad = Object.entries(ranges).filter(([n, r]) => n.startsWith("@blue/") && r !== `^${process.argv[1]}`);
  if (bad.length) { console.error("internal ranges not rewritten to ^" + process.argv[1] + ":", bad); process.exit(1); }' "$VERSION"
passed "installed; no AWS SDK, jest or vitest; workspace ranges rewritten"

step "app: ESM (import) and CJS (require) round trips from .blue/config.toml"
mkdir -p project/.blue
printf '[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\npath = "data/blue.db"\n' > project/.blue/config.toml
cp "$CONSUMER/roundtrip.mjs" "$CONSUMER/roundtrip.cjs" .
node roundtrip.mjs "$APP/project"
passed "ESM round trip"
node roundtrip.cjs "$APP/project"
passed "CJS round trip"

step "app: TypeScript consumer, skipLibCheck false, node16 (ESM + CJS) and bundler"
TSC="$ROOT/node_modules/typescript/bin/tsc"
cp "$CONSUMER/types.mts" types.mts
cp "$CONSUMER/types.mts" types.cts
cp "$CONSUMER/types.mts" types.ts
cp "$CONSUMER/tsconfig.node16.json" "$CONSUMER/tsconfig.bundler.json" .
node "$TSC" --version
node "$TSC" -p tsconfig.node16.json
passed "tsc node16 (types.mts as ESM, types.cts as CJS)"
node "$TSC" -p tsconfig.bundler.json
passed "tsc bundler"

step "app: npm install @blue/store-cli, run the blue-store bin on the project"
npm install --no-audit --no-fund --loglevel=error --cache "$WORK/npm-cache" "@blue/store-cli@$VERSION"
[ "$(npx --no-install blue-store --version)" = "$VERSION" ] || { echo "blue-store --version is not $VERSION" >&2; exit 1; }
npx --no-install blue-store -C "$APP/project" doctor
npx --no-install blue-store -C "$APP/project" dialogues list --json > dialogues.json
node -e '
  const ids = require("./dialogues.json").items.map((d) => d.id).sort().join(",");
  if (ids !== "cjs-round-trip,esm-round-trip") { console.error("blue-store dialogues list:", ids); process.exit(1); }'
passed "blue-store $VERSION: doctor healthy, lists the dialogues the ESM and CJS scripts wrote"
