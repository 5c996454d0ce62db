import { loadConfig, openStorage } from "@blue/store-config";
import * as errors from "@blue/store-core";
import steps from "./roundtrip-steps.cjs";

steps.report(steps.roundTrip({ loadConfig, openStorage, errors }));
