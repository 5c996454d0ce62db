// The conformance kit's worker opens a namespace's table on DynamoDB Local in another process
// (processes.* and crash.* cases), from the package's build. Same prefix rule as harness.ts.
const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { openDynamoStorage } = require("../../dist/index.cjs");

/** The harness's `worker.options` ({ endpoint }) plus the kit's namespace and clock. */
exports.open = ({ endpoint, namespace, clock }) => {
  const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  return openDynamoStorage({ client, tablePrefix: `cf_${namespace}_`, clock, createTables: false });
};
