// Unit tests run in-process against the memory backend; CLI tests spawn dist/bin.cjs (build
// first: `npx tsup`). One DynamoDB Local per jest run, endpoint in BLUE_TEST_DYNAMODB_ENDPOINT.
module.exports = {
  preset: "@blue/jest-preset",
  globalSetup: "@blue/dynamodb-local/jest-global-setup",
  globalTeardown: "@blue/dynamodb-local/jest-global-teardown",
  testTimeout: 120000,
};
