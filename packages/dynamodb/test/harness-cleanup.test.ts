import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { tableName } from "../src";
import { dynamoHarness } from "./support/harness";
import { dropTable, localClient, uniquePrefix } from "./support/local";

describe("the test harness's cleanup reports what it could not do", () => {
  test("destroy drops the namespace's table, and dropping a table that is gone is fine", async () => {
    const harness = dynamoHarness();
    const namespace = `hc${Date.now().toString(36)}`;
    const backend = await harness.open({ namespace, clock: () => new Date(), fresh: true });
    await backend.close();
    await harness.destroy!({ namespace });
    const client = localClient();
    try {
      await expect(client.send(new DescribeTableCommand({ TableName: tableName(`cf_${namespace}_`) }))).rejects.toMatchObject({
        name: "ResourceNotFoundException",
      });
      const prefix = uniquePrefix("gone");
      await expect(dropTable(client, prefix)).resolves.toBeUndefined();
      await expect(client.send(new DescribeTableCommand({ TableName: tableName(prefix) }))).rejects.toMatchObject({
        name: "ResourceNotFoundException",
      });
    } finally {
      client.destroy();
      await harness.teardown!();
    }
  });

  test("any other failure of the drop rejects (the kit's cleanup check can fire)", async () => {
    const client = localClient({ credentials: { accessKeyId: "", secretAccessKey: "" }, endpoint: "http://127.0.0.1:9", maxAttempts: 1 });
    try {
      await expect(dropTable(client, uniquePrefix("unreachable"))).rejects.toThrow();
    } finally {
      client.destroy();
    }
  });
});
