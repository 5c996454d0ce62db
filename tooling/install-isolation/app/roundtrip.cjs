const { loadConfig, openStorage } = require("@blue/store-config");
const steps = require("./roundtrip-steps.cjs");

steps.report(steps.roundTrip({ loadConfig, openStorage }));
