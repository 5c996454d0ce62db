/** Jest globalTeardown: stops the DynamoDB Local started by jest-global-setup. */
declare function globalTeardown(): Promise<void>;
export = globalTeardown;
