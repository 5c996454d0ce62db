#!/usr/bin/env node
// The `blue-store` executable: runs the CLI on the process's arguments, streams and environment.
import { createInterface } from "node:readline/promises";
import { runCli } from "./program";
import type { CliIo } from "./runtime/context";
import { EXIT } from "./runtime/exit-codes";

// The AWS SDK prints a multi-line "Node 20 support ends" warning on every DynamoDB command;
// a CLI keeps stderr for its own one-line messages. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const io: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  stdinIsTTY: process.stdin.isTTY === true,
  stdin: () => process.stdin,
  write: (text) => (process.stdout.write(text) ? Promise.resolve() : new Promise<void>((resolve) => process.stdout.once("drain", resolve))),
  async prompt(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

// A reader that stops early (`blue-store dialogues list | head`) closes the pipe: stop quietly,
// as other command-line tools do, instead of crashing on EPIPE.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Ctrl-C / SIGTERM: show the cursor again (the progress bar hides it), say so, exit 128 + signal.
// Every store write is atomic or resumable, so stopping here loses nothing: `migrate` picks up where it stopped.
for (const [signal, code] of [
  ["SIGINT", EXIT.INTERRUPTED],
  ["SIGTERM", EXIT.TERMINATED],
] as const) {
  process.once(signal, () => {
    if (process.stderr.isTTY) process.stderr.write("\x1b[?25h\n");
    process.stderr.write(`interrupted (${signal}); re-run the command to resume\n`);
    process.exit(code);
  });
}

void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
  // Storages are closed by now; do not let a lingering socket keep the process alive.
  setTimeout(() => process.exit(code), 1000).unref();
});
