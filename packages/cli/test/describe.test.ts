import { describeError, formatFailure } from "../src/runtime/describe-error";
import { CliError } from "../src/runtime/cli-error";
import { EXIT } from "../src/runtime/exit-codes";
import { ConfigError, NotFoundError, UnavailableError, ValidationError } from "@blue/store-core";

describe("what the CLI prints about configs and failures", () => {
  test("StoreError codes map to exit statuses and hints, on one line", () => {
    expect(describeError(new NotFoundError("dialogue d1 not found")).exitCode).toBe(EXIT.NOT_FOUND);
    expect(describeError(new ValidationError("bad")).exitCode).toBe(EXIT.INVALID_INPUT);
    expect(describeError(new ConfigError("broken")).exitCode).toBe(EXIT.USAGE);
    expect(describeError(new UnavailableError("down")).exitCode).toBe(EXIT.UNAVAILABLE);
    expect(describeError(new Error("boom")).exitCode).toBe(EXIT.FAILURE);
    const line = formatFailure(describeError(new ConfigError("file.toml:3:1: bad\nsecond line")));
    expect(line).toBe(
      "error: file.toml:3:1: bad second line (CONFIG) — hint: fix .blue/config.toml (`blue-store doctor` checks it) or write one with `blue-store init`",
    );
    expect(formatFailure(describeError(new CliError("cannot read x", EXIT.INVALID_INPUT, "check the path")))).toBe(
      "error: cannot read x — hint: check the path",
    );
  });
});
