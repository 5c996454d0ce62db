#!/usr/bin/env node
// The `blue-store` executable: runs the CLI on the process's arguments, streams and environment.
import { runCli } from "./program";
import type { CliIo } from "./runtime/context";

const io: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
  // Storages are closed by now; do not let a lingering socket keep the process alive.
  setTimeout(() => process.exit(code), 1000).unref();
});
