import { conformanceCases, runConformance } from "../../src/conformance";
import { checkEqual, differences } from "../../src/conformance/assert";
import { createMemoryStorage } from "../../src/memory";

describe("the kit's failure messages say what differs", () => {
  test("a length difference names the extra and the missing elements", () => {
    const got = [{ to: "document:1" }, { to: "document:2" }];
    expect(differences(got, [{ to: "document:1" }])).toEqual(['$: expected 1 elements, got 2: unexpected [1] {"to":"document:2"}']);
    expect(differences([1], [1, 2, 3])).toEqual(["$: expected 3 elements, got 1: missing 2, 3"]);
    expect(differences([1, 4], [1, 2, 3])).toEqual(["$: expected 3 elements, got 2: unexpected [1] 4; missing 2, 3"]);
  });

  test("two swapped elements are said in one line", () => {
    expect(differences(["a", "c", "b", "d"], ["a", "b", "c", "d"])).toEqual(['$: elements [1] and [2] are swapped (got "c" before "b")']);
    // Not a swap: three positions differ, each reported.
    expect(differences(["c", "a", "b"], ["a", "b", "c"])).toHaveLength(3);
    expect(() => checkEqual([2, 1], [1, 2], "linksFrom(x)")).toThrow(
      "linksFrom(x) differs:\n  $: elements [0] and [1] are swapped (got 2 before 1)",
    );
  });

  test("a backend that resolves a bad call is reported as having resolved, not as a raw kit error", async () => {
    const cases = conformanceCases().filter((c) => c.id === "errors.rejectedPromises");
    const report = await runConformance(
      {
        name: "lax",
        create: async ({ clock }) => {
          const base = createMemoryStorage({ clock });
          const dialogues = new Proxy(base.dialogues, {
            get: (t, k) =>
              k === "getDialogue"
                ? async () => null
                : typeof Reflect.get(t, k) === "function"
                  ? Reflect.get(t, k).bind(t)
                  : Reflect.get(t, k),
          });
          return Object.assign(Object.create(base), { dialogues, store: base.store.bind(base), close: () => base.close() });
        },
      },
      { seed: 1, cases },
    );
    expect(report.results[0]!.status).toBe("failed");
    expect(report.results[0]!.error).toMatch(/getDialogue.* with invalid arguments resolved; it must reject with VALIDATION/);
    expect(report.results[0]!.error).not.toMatch(/ConformanceAssertionError/);
  });
});

describe("capability claims", () => {
  const kit = conformanceCases().filter((c) => c.id === "backend.capabilities.declared");

  test("a harness whose declared capabilities differ from the backend's fails backend.capabilities.declared", async () => {
    const liar = {
      name: "liar",
      capabilities: { persistent: false, listConsistency: "strong" as const, multiProcess: false },
      create: async () => ({
        ...createMemoryStorage(),
        capabilities: { persistent: false, listConsistency: "strong" as const, multiProcess: true },
      }),
    };
    const report = await runConformance(liar, { seed: 1, cases: kit });
    expect(report.results[0]!.status).toBe("failed");
    expect(report.results[0]!.error).toMatch(/declares capabilities\.multiProcess = false, the backend reports true/);
  });

  test("matching or undeclared capabilities pass", async () => {
    const honest = { name: "honest", capabilities: createMemoryStorage().capabilities, create: async () => createMemoryStorage() };
    expect((await runConformance(honest, { seed: 1, cases: kit })).results[0]!.status).toBe("passed");
    expect(
      (await runConformance({ name: "silent", create: async () => createMemoryStorage() }, { seed: 1, cases: kit })).results[0]!.status,
    ).toBe("passed");
  });
});
