import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { createMemoryStorage } from "../../src/memory";
import type { LegacyConformanceHarness as ConformanceHarness } from "../../src/conformance";

type Registered = { kind: "test" | "skip"; name: string; body?: (ctx: { skip(reason: string): void }) => Promise<void>; timeout?: number };
const registered: Registered[] = [];
const hooks: Array<() => Promise<void>> = [];

jest.mock("vitest", () => ({
  describe: (_name: string, body: () => void) => body(),
  test: Object.assign((name: string, body: Registered["body"], timeout: number) => registered.push({ kind: "test", name, body, timeout }), {
    skip: (name: string) => registered.push({ kind: "skip", name }),
  }),
  beforeAll: (body: () => Promise<void>) => hooks.push(body),
  afterAll: (body: () => Promise<void>) => hooks.push(body),
  expect: { getState: () => ({ testPath: `${process.cwd()}/test/some.vitest.test.ts` }) },
}));

// eslint-disable-next-line import/first
import { describeConformance as describeVitest } from "../../src/conformance/adapters/vitest";
import { describeConformance as describeJest } from "../../src/conformance/adapters/jest";
// These harnesses use the legacy shape (create/reopen): the adapters accept it through fromLegacyHarness.

const memory: ConformanceHarness = { name: "memory", create: async ({ clock }) => createMemoryStorage({ clock }) };

// These tests count registrations: CI's seed set (BLUE_CONFORMANCE_SEEDS) must not multiply them.
const savedSeeds = process.env.BLUE_CONFORMANCE_SEEDS;
beforeEach(() => {
  delete process.env.BLUE_CONFORMANCE_SEEDS;
});
afterAll(() => {
  if (savedSeeds !== undefined) process.env.BLUE_CONFORMANCE_SEEDS = savedSeeds;
});

describe("the vitest adapter", () => {
  beforeEach(() => {
    registered.length = 0;
    hooks.length = 0;
  });

  test("registers one test per case, skips what the harness cannot do, and passes a passing case", async () => {
    describeVitest(memory, { filter: /^(backend\.|durability\.dialogues)/ });
    expect(registered.map((r) => [r.kind, r.name])).toEqual([
      ["test", "backend.shape"],
      ["test", "backend.close.idempotent"],
      ["test", "backend.capabilities.declared"],
      ["test", "backend.close.everyMethodClosed"],
      ["test", "backend.close.store"],
      ["skip", "durability.dialogues (skipped: requires persistent: the harness has no reopen())"],
    ]);
    expect(hooks).toHaveLength(2);
    await registered[0]!.body!({
      skip: () => {
        throw new Error("not skipped");
      },
    });
  });

  test("a failing case throws with its id and seed; a capability missing at run time calls skip(reason)", async () => {
    const broken: ConformanceHarness = { name: "broken", create: async ({ clock }) => ({ ...createMemoryStorage({ clock }), name: "" }) };
    describeVitest(broken, { filter: "backend.shape", seed: 3 });
    await expect(registered[0]!.body!({ skip: () => undefined })).rejects.toThrow(/backend\.shape: backend\.name is ""[\s\S]*seed 3/);
    // The hint is vitest's command, with the test file vitest reports, relative to the working directory.
    await expect(registered[0]!.body!({ skip: () => undefined })).rejects.toThrow(
      "reproduce with BLUE_CONFORMANCE_SEED=3 npx vitest run test/some.vitest.test.ts -t 'backend\\.shape$'",
    );
    registered.length = 0;
    const reopenable: ConformanceHarness = { ...memory, reopen: async () => createMemoryStorage() };
    describeVitest(reopenable, { filter: "durability.store" });
    const reasons: string[] = [];
    await registered[0]!.body!({ skip: (r) => void reasons.push(r) });
    expect(reasons).toEqual(["requires persistent: capabilities.persistent is false"]);
  });
});

describe("the jest adapter (with stand-in globals)", () => {
  test("registers skips with reasons, and explains a capability that is missing only at run time", async () => {
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = ["describe", "test", "beforeAll", "afterAll"].map((k) => [k, g[k]] as const);
    const tests: Array<[string, () => Promise<void>]> = [];
    const skipped: string[] = [];
    Object.assign(g, {
      describe: (_n: string, body: () => void) => body(),
      test: Object.assign((name: string, body: () => Promise<void>) => tests.push([name, body]), {
        skip: (name: string) => skipped.push(name),
      }),
      beforeAll: () => undefined,
      afterAll: () => undefined,
    });
    try {
      describeJest(memory, { filter: "durability.links" });
      describeJest(
        { ...memory, capabilities: { persistent: false, listConsistency: "strong", multiProcess: false } },
        { filter: "durability.links" },
      );
      describeJest({ ...memory, reopen: async () => createMemoryStorage() }, { filter: "durability.links" });
    } finally {
      for (const [k, v] of saved) g[k] = v;
    }
    expect(skipped).toEqual([
      "durability.links (skipped: requires persistent: the harness has no reopen())",
      "durability.links (skipped: requires persistent: capabilities.persistent is false)",
    ]);
    expect(tests.map(([n]) => n)).toEqual(["durability.links"]);
    await expect(tests[0]![1]()).rejects.toThrow(
      /skipped at run time \(requires persistent: capabilities.persistent is false\); declare harness.capabilities/,
    );
  });
});

describe("the jest adapter's reproduce hint", () => {
  test("a failure says how to rerun exactly that case with jest: seed, this test file, the name pattern", async () => {
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = ["describe", "test", "beforeAll", "afterAll"].map((k) => [k, g[k]] as const);
    const tests: Array<() => Promise<void>> = [];
    Object.assign(g, {
      describe: (_n: string, body: () => void) => body(),
      test: Object.assign((_name: string, body: () => Promise<void>) => tests.push(body), { skip: () => undefined }),
      beforeAll: () => undefined,
      afterAll: () => undefined,
    });
    try {
      describeJest(
        { name: "broken", create: async ({ clock }) => ({ ...createMemoryStorage({ clock }), name: "" }) },
        { filter: "backend.shape", seed: 8 },
      );
    } finally {
      for (const [k, v] of saved) g[k] = v;
    }
    await expect(tests[0]!()).rejects.toThrow(
      "reproduce with BLUE_CONFORMANCE_SEED=8 npx jest test/conformance/adapters.test.ts -t 'backend\\.shape$'",
    );
  });
});

describe("seed sets", () => {
  /** The describe-block names registered by the jest adapter under stand-in globals. */
  function blocks(register: () => void): string[] {
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = ["describe", "test", "beforeAll", "afterAll"].map((k) => [k, g[k]] as const);
    const names: string[] = [];
    Object.assign(g, {
      describe: (n: string, body: () => void) => (names.push(n), body()),
      test: Object.assign(() => undefined, { skip: () => undefined }),
      beforeAll: () => undefined,
      afterAll: () => undefined,
    });
    try {
      register();
    } finally {
      for (const [k, v] of saved) g[k] = v;
    }
    return names;
  }

  test("BLUE_CONFORMANCE_SEEDS runs the kit once per fixed seed, and `random` adds a random run", () => {
    process.env.BLUE_CONFORMANCE_SEEDS = "7, 20261201,random";
    const names = blocks(() => describeJest(memory, { filter: "backend.shape" }));
    expect(names).toHaveLength(4);
    expect(names.slice(0, 3)).toEqual([
      "conformance: memory (3 seeds)",
      "conformance: memory (seed 7)",
      "conformance: memory (seed 20261201)",
    ]);
    expect(names[3]).toMatch(/^conformance: memory \(seed \d+\)$/);
  });

  test("an explicit seed wins over the seed set; options.seeds works without the environment", () => {
    process.env.BLUE_CONFORMANCE_SEEDS = "1,2";
    expect(blocks(() => describeJest(memory, { filter: "backend.shape", seed: 5 }))).toEqual(["conformance: memory (seed 5)"]);
    delete process.env.BLUE_CONFORMANCE_SEEDS;
    expect(blocks(() => describeJest(memory, { filter: "backend.shape", seeds: [3, 4] }))).toEqual([
      "conformance: memory (2 seeds)",
      "conformance: memory (seed 3)",
      "conformance: memory (seed 4)",
    ]);
  });

  test("a malformed seed set is an error, not a silent random run", () => {
    process.env.BLUE_CONFORMANCE_SEEDS = "1,x";
    expect(() => blocks(() => describeJest(memory, { filter: "backend.shape" }))).toThrow(/BLUE_CONFORMANCE_SEEDS holds "x"/);
  });
});

describe("the node:test adapter (built)", () => {
  test("runs every case as a node:test test with skips reported", () => {
    const out = execFileSync(process.execPath, ["--test", "--test-reporter=tap", join(__dirname, "fixtures/node-test-memory.cjs")], {
      encoding: "utf8",
      env: { ...process.env, BLUE_CONFORMANCE_SEEDS: "", KIT_FILTER: "^(backend\\.|search\\.syntax\\.|durability\\.store)" },
    });
    expect(out).toMatch(/# fail 0/);
    expect(out).toMatch(/# skipped 1/);
    expect(out).toMatch(/ok \d+ - backend\.shape/);
    expect(out).toMatch(/durability\.store \(skipped: requires persistent: the harness has no reopen\(\)\) # SKIP/);
  }, 60_000);

  test("a failure prints node's command to rerun that case, and the command reruns exactly it", () => {
    const env = { ...process.env, BLUE_CONFORMANCE_SEEDS: "", KIT_BROKEN: "1", KIT_FILTER: "^backend\\.(shape|close\\.idempotent)$" };
    const run = (args: string[], extra: Record<string, string> = {}) => {
      try {
        return execFileSync(process.execPath, args, { encoding: "utf8", env: { ...env, ...extra } });
      } catch (e) {
        return String((e as { stdout?: string }).stdout);
      }
    };
    const out = run(["--test", "--test-reporter=tap", join(__dirname, "fixtures/node-test-memory.cjs")]);
    expect(out).toMatch(/# fail 1/);
    const hint = /reproduce with (BLUE_CONFORMANCE_SEED=(\d+) node --test --test-name-pattern='([^']+)' (\S+))/.exec(out);
    expect(hint?.[1]).toBe(
      "BLUE_CONFORMANCE_SEED=1 node --test --test-name-pattern='backend\\.shape$' test/conformance/fixtures/node-test-memory.cjs",
    );
    const again = run(["--test", "--test-reporter=tap", `--test-name-pattern=${hint![3]}`, hint![4]!], {
      BLUE_CONFORMANCE_SEED: hint![2]!,
    });
    expect(again).toMatch(/# fail 1/);
    expect(again).toMatch(/# pass 0/);
    expect(again).toMatch(/not ok \d+ - backend\.shape/);
  }, 60_000);
});
