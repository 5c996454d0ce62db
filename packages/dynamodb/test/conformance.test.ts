import { describeConformance } from "@blue/store-core/conformance/jest";
import { dynamoHarness } from "./support/harness";

// The whole conformance kit against DynamoDB Local: one table per case namespace, reopen =
// a new backend on the same table. No expected failures.
describeConformance(dynamoHarness(), process.env.CF_FILTER ? { filter: process.env.CF_FILTER } : {});
