"use strict";
// Jest globalSetup: starts one DynamoDB Local for the whole jest run and exposes its endpoint to
// every test worker as process.env.BLUE_TEST_DYNAMODB_ENDPOINT. Pair it with
// @blue/dynamodb-local/jest-global-teardown. When BLUE_TEST_DYNAMODB_ENDPOINT is already set
// (an external server), nothing is started.
const { startDynamoLocal } = require("./index.js");

const HANDLE = Symbol.for("@blue/dynamodb-local/server");

module.exports = async function globalSetup() {
  // The AWS SDK warns on every worker that its 2027 releases need Node 22: noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  if (process.env.BLUE_TEST_DYNAMODB_ENDPOINT) return;
  const server = await startDynamoLocal();
  globalThis[HANDLE] = server;
  process.env.BLUE_TEST_DYNAMODB_ENDPOINT = server.endpoint;
};
module.exports.HANDLE = HANDLE;
