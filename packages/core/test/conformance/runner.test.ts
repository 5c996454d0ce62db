import { conformanceCases, formatReport, runConformance, type ConformanceCase } from "../../src/conformance";
import { check } from "../../src/conformance/assert";
import { createMemoryStorage } from "../../src/memory";
import type { StorageBackend } from "../../src/types/stores";
import { memoryHarness } from "./memory-harness";
import { sharedMemoryHarness } from "./shared-memory-harness";

const probe = (id: string, run: ConformanceCase["run"], extra: Partial<ConformanceCase> = {}): ConformanceCase => ({
  id,
  title: id,
  tags: ["probe"],
  run,
  ...extra,
});
const pass = probe("probe.pass", async () => undefined);
const fail = probe("probe.fail", async () => check(false, "deliberate failure"));

describe("conformanceCases", () => {
  test("ids are unique, dotted and stable in form; every case has a title and its area as first tag", () => {
    const cases = conformanceCases();
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(cases.length).toBeLessThanOrEqual(250);
    for (const c of cases) {
      expect(c.id).toMatch(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/);
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.tags[0]).toBe(c.id.split(".")[0]);
    }
  });
});

describe("runConformance", () => {
  test("counts results and ends the report with `N passed, N failed, N skipped`", async () => {
    const report = await runConformance(memoryHarness(), {
      cases: [pass, fail, probe("probe.skip", async () => undefined, { requires: ["persistent"] })],
      seed: 1,
    });
    expect([report.passed, report.failed, report.skipped, report.xfail]).toEqual([1, 1, 1, 0]);
    const lines = formatReport(report).split("\n");
    expect(lines.at(-1)).toBe("1 passed, 1 failed, 1 skipped");
    expect(lines.join("\n")).toContain("FAIL probe.fail");
    expect(lines.join("\n")).toContain("SKIP probe.skip: requires persistent: capabilities.persistent is false");
  });

  test("prints the seed with every failure, and the same seed reproduces the same case seeds", async () => {
    const seen: number[][] = [[], []];
    for (const i of [0, 1]) {
      const report = await runConformance(memoryHarness(), {
        seed: 99,
        cases: [probe("probe.rng", async (ctx) => void seen[i]!.push(ctx.seed, ctx.rng.int(0, 1e9))), fail],
      });
      expect(report.results[1]!.error).toContain("seed 99 (case seed");
      expect(report.results[1]!.error).toContain('runConformance(harness, { seed: 99, filter: "probe.fail" })');
    }
    expect(seen[0]).toEqual(seen[1]);
    const other = await runConformance(memoryHarness(), {
      seed: 100,
      cases: [probe("probe.rng", async (ctx) => void seen[0]!.push(ctx.seed))],
    });
    expect(other.seed).toBe(100);
    expect(seen[0]![2]).not.toBe(seen[1]![0]);
  });

  test("expected failures are xfail; one that passes fails the run; stale entries fail the run", async () => {
    const harness = { ...memoryHarness(), expectedFailures: { "probe.fail": "known bug", "probe.pass": "stale", "no.such.case": "gone" } };
    const report = await runConformance(harness, { cases: [pass, fail] });
    const byId = Object.fromEntries(report.results.map((r) => [r.id, r]));
    expect(byId["probe.fail"]).toMatchObject({ status: "xfail", reason: "known bug" });
    expect(byId["probe.pass"]!.status).toBe("failed");
    expect(byId["probe.pass"]!.error).toContain('remove "probe.pass" from expectedFailures');
    expect(byId["kit.expectedFailures.no.such.case"]!.status).toBe("failed");
    expect(formatReport(report).split("\n").at(-1)).toBe("0 passed, 2 failed, 0 skipped");
  });

  test("filters by substring and by RegExp", async () => {
    expect((await runConformance(memoryHarness(), { cases: [pass, fail], filter: "pass" })).results.map((r) => r.id)).toEqual([
      "probe.pass",
    ]);
    expect((await runConformance(memoryHarness(), { cases: [pass, fail], filter: /fail$/ })).results.map((r) => r.id)).toEqual([
      "probe.fail",
    ]);
  });

  test("every case gets a fresh backend with a unique short namespace, destroyed even when the case fails", async () => {
    const namespaces: string[] = [];
    const closed: StorageBackend[] = [];
    let destroyed = 0;
    const harness = {
      name: "tracking",
      create: async ({ namespace, clock }: { namespace: string; clock: () => Date }) => {
        namespaces.push(namespace);
        const b = createMemoryStorage({ clock });
        return { ...b, close: async () => void closed.push(b) };
      },
      destroy: async () => void destroyed++,
    };
    const report = await runConformance(harness, {
      cases: [
        pass,
        fail,
        probe("probe.data", async (ctx) => check((await ctx.backend.dialogues.listDialogues()).length === 0, "not fresh")),
      ],
    });
    expect(report.passed).toBe(2);
    expect(new Set(namespaces).size).toBe(3);
    for (const ns of namespaces) expect(ns).toMatch(/^[a-z0-9-]{1,24}$/);
    expect(destroyed).toBe(3);
    expect(closed.length).toBe(3);
  });

  test("a failing create, a hanging case and a raw throw are failures, not crashes", async () => {
    const broken = {
      name: "no-create",
      create: async () => {
        throw new Error("cannot connect");
      },
    };
    const r1 = await runConformance(broken, { cases: [pass] });
    expect(r1.results[0]!.error).toContain("harness.open failed: unexpected Error: cannot connect");
    const hang = probe("probe.hang", () => new Promise(() => undefined), { timeoutMs: 50 });
    const raw = probe("probe.raw", async () => {
      throw new TypeError("boom");
    });
    const r2 = await runConformance(memoryHarness(), { cases: [hang, raw] });
    expect(r2.results[0]!.error).toContain("did not finish within 50 ms");
    expect(r2.results[1]!.error).toContain("unexpected TypeError: boom");
  });

  test("setup and teardown run once, teardown even when cases fail", async () => {
    const calls: string[] = [];
    const harness = { ...memoryHarness(), setup: async () => void calls.push("setup"), teardown: async () => void calls.push("teardown") };
    await runConformance(harness, { cases: [pass, fail, pass] });
    expect(calls).toEqual(["setup", "teardown"]);
  });

  test("durability and multi-process cases run through reopen on a persistent backend", async () => {
    const harness = sharedMemoryHarness();
    const report = await runConformance(harness, { filter: /^(durability|multiProcess)\./, seed: 5 });
    expect(report.results.map((r) => [r.id, r.status]).filter(([, s]) => s !== "passed")).toEqual([]);
    expect(report.passed).toBe(10);
    expect(harness.destroyed).toBe(10);
  });

  test("a backend that forgets its data on reopen fails every durability case", async () => {
    const report = await runConformance(sharedMemoryHarness({ forgetOnReopen: true }), { filter: /^durability\./ });
    expect(report.results.filter((r) => r.status === "failed").map((r) => r.id)).toEqual([
      "durability.dialogues",
      "durability.documents",
      "durability.importedIds",
      "durability.links",
      "durability.store",
      "durability.closedHandle",
    ]);
  });

  test("capabilities decide skips, with the reason", async () => {
    const caps = { persistent: false, listConsistency: "strong" as const, multiProcess: false };
    const report = await runConformance(sharedMemoryHarness({ capabilities: caps }), { filter: /^(durability|multiProcess)\./ });
    expect(report.skipped).toBe(10);
    expect(report.results[0]!.reason).toBe("requires persistent: capabilities.persistent is false");
  });

  test("eventual list consistency: listings are retried within a bound, strong ones are not", async () => {
    const lagging = (consistency: "strong" | "eventual") => ({
      name: `lagging-${consistency}`,
      create: async ({ clock }: { clock: () => Date }) => {
        const b = createMemoryStorage({ clock });
        let calls = 0;
        const list = b.dialogues.listDialogues.bind(b.dialogues);
        const dialogues = Object.create(b.dialogues);
        dialogues.listDialogues = async (s?: never) => (++calls % 3 === 0 ? list(s) : []);
        return { ...b, dialogues, capabilities: { ...b.capabilities, listConsistency: consistency } };
      },
    });
    const cases = conformanceCases().filter((c) => c.id === "dialogues.listDialogues.order");
    expect((await runConformance(lagging("eventual"), { cases })).passed).toBe(1);
    expect((await runConformance(lagging("strong"), { cases })).failed).toBe(1);
  });
});
