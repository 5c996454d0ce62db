import { describeConformance } from "../../core/src/conformance/adapters/jest";
import { dynamoHarness } from "./support/harness";

describeConformance(dynamoHarness(), process.env.CF_FILTER ? { filter: process.env.CF_FILTER } : {});
