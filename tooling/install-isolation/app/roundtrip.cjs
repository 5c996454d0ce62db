const { loadConfig, openStorage } = require("@blue/store-config");
const errors = require("@blue/store-core");
const steps = require("./roundtrip-steps.cjs");

steps.report(steps.roundTrip({ loadConfig, openStorage, errors }));
