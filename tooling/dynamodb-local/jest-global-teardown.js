"use strict";
// Jest globalTeardown: stops the DynamoDB Local started by @blue/dynamodb-local/jest-global-setup.
const { HANDLE } = require("./jest-global-setup.js");

module.exports = async function globalTeardown() {
  const server = globalThis[HANDLE];
  if (!server) return;
  delete globalThis[HANDLE];
  delete process.env.BLUE_TEST_DYNAMODB_ENDPOINT;
  await server.stop();
};
