import { spawn } from "node:child_process";
import { BIN, cliEnv, tempProject, removeTempFolders } from "./helpers";

describe("blue-store writing into a closed pipe", () => {
  afterAll(removeTempFolders);

  test("a reader that stops early (like `| head`) ends the command quietly, with status 0", async () => {
    const cwd = await tempProject();
    const child = spawn(process.execPath, [BIN, "--help"], { cwd, env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
    // Close our end before the CLI writes: its first write meets EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
