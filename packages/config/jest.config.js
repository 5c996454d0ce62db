// The DynamoDB factory tests run against one DynamoDB Local per jest run (started by
// @blue/dynamodb-local; its endpoint reaches the tests as process.env.BLUE_TEST_DYNAMODB_ENDPOINT).
module.exports = {
  preset: "@blue/jest-preset",
  globalSetup: "@blue/dynamodb-local/jest-global-setup",
  globalTeardown: "@blue/dynamodb-local/jest-global-teardown",
};
