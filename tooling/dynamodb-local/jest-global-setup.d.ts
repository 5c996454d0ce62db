/** Jest globalSetup: starts DynamoDB Local and sets process.env.BLUE_TEST_DYNAMODB_ENDPOINT. */
declare function globalSetup(): Promise<void>;
export = globalSetup;
