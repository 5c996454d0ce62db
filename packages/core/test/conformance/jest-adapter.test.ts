import { describeConformance } from "../../src/conformance/adapters/jest";
import { memoryHarness } from "./memory-harness";

// Every case becomes one jest test; durability/multiProcess cases show as skipped with the reason.
describeConformance(memoryHarness(), { seed: 7 });
