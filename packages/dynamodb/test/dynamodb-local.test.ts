import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { startDynamoLocal } from "@blue/dynamodb-local";

const run = promisify(execFile);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const gone = async (pid: number) => {
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
};

describe("@blue/dynamodb-local", () => {
  it("the jest global setup exposes a loopback endpoint that answers DynamoDB requests", async () => {
    const endpoint = process.env.BLUE_TEST_DYNAMODB_ENDPOINT;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    const out = await client.send(new ListTablesCommand({}));
    expect(Array.isArray(out.TableNames)).toBe(true);
    client.destroy();
  });

  it("startDynamoLocal picks a free port, and stop() kills the JVM", async () => {
    const server = await startDynamoLocal();
    expect(server.endpoint).not.toBe(process.env.BLUE_TEST_DYNAMODB_ENDPOINT);
    expect(alive(server.pid)).toBe(true);
    await server.stop();
    await server.stop();
    expect(await gone(server.pid)).toBe(true);
  }, 60_000);

  it("the JVM dies with the process that started it, even without stop()", async () => {
    const script = `require("@blue/dynamodb-local").startDynamoLocal().then((s) => { console.log(s.pid); process.exit(0); })`;
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: __dirname });
    const pid = Number(stdout.trim());
    expect(pid).toBeGreaterThan(0);
    expect(await gone(pid)).toBe(true);
  }, 60_000);
});
