import { loadConfig, openStorage } from "@blue/store-config";
import steps from "./roundtrip-steps.cjs";

steps.report(steps.roundTrip({ loadConfig, openStorage }));
