// `instanceof` across copies of core: a real CommonJS process loads the CJS build with
// require() and the ESM build with import() (two copies of every class), as a CommonJS app does
// when config imports an engine. Runs against dist/ (turbo builds core before its tests).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const CLASSES = [
  "StoreError",
  "NotFoundError",
  "ConflictError",
  "ValidationError",
  "ItemTooLargeError",
  "UnavailableError",
  "ClosedError",
  "NotSupportedError",
  "ConfigError",
  "BackendNotInstalledError",
  "InternalError",
];

const run = () => JSON.parse(execFileSync(process.execPath, [join(__dirname, "fixtures", "error-copies.cjs")], { encoding: "utf8" }));

describe("instanceof across the CJS and ESM copies of core", () => {
  const out = run();

  test("the two builds really are two copies of every class", () => {
    expect(out.distinctCopies).toBe(true);
  });

  test.each(CLASSES)("a %s of either copy is instanceof its class and StoreError of the other, and of no other class", (name) => {
    const expected = name === "StoreError" ? ["StoreError"] : ["StoreError", name];
    expect(out.esmToCjs[name]).toEqual(expected);
    expect(out.cjsToEsm[name]).toEqual(expected);
  });

  test("errors of the ESM memory backend and engine factories are instanceof the CJS classes", () => {
    expect(out.memoryBackend).toEqual({ code: "NOT_FOUND", classes: ["StoreError", "NotFoundError"] });
    expect(out.engineFactory).toEqual(["StoreError", "ConflictError"]);
  });

  test("an application's subclass matches by prototype chain only; values that are no StoreError never match", () => {
    expect(out.appSubclass).toEqual({ ofOtherCopy: true, otherCopyIsApp: false, ownIsApp: true });
    expect(out.notErrors).toEqual([false, false, false, false, false]);
    expect(out.isStoreError).toBe(true);
  });
});
