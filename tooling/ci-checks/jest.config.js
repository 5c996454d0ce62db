module.exports = { preset: "@blue/jest-preset" };
