import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

describe("DynamoDB Local (jest global setup)", () => {
  it("exposes a loopback endpoint that answers DynamoDB requests", async () => {
    const endpoint = process.env.BLUE_TEST_DYNAMODB_ENDPOINT;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new DynamoDBClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const out = await client.send(new ListTablesCommand({}));
    expect(Array.isArray(out.TableNames)).toBe(true);
    client.destroy();
  });
});
