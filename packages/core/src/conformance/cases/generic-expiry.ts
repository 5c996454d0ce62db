import type { Store } from "../../types/stores";
import { check, checkEqual, expectStoreError } from "../assert";
import type { CaseContext, ConformanceCase } from "../types";
import { storeOf, type Item } from "./generic";
import { collectPages, kase } from "./helpers";

/** Every item of an async iterable. */
export async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** What every read sees of partition `pk`: get, getMany, query, queryPage, iterate. */
async function seen(s: Store<Item>, pk: string, sks: string[], what: string): Promise<string[]> {
  const got = (await Promise.all(sks.map((sk) => s.get(pk, sk)))).filter((i) => i !== null).map((i) => i!.sk);
  const many = (await s.getMany(sks.map((sk) => ({ pk, sk })))).filter((i) => i !== null).map((i) => i!.sk);
  const queried = (await s.query(pk, "")).map((i) => i.sk);
  const paged = (await collectPages((cursor) => s.queryPage(pk, "", { limit: 1, cursor }), 1, sks.length)).map((i) => i.sk);
  const iterated = (await drain(s.iterate(pk, ""))).map((i) => i.sk);
  checkEqual(many, got, `${what}: getMany agrees with get`);
  checkEqual(queried, got, `${what}: query agrees with get`);
  checkEqual(paged, got, `${what}: queryPage agrees with get`);
  checkEqual(iterated, got, `${what}: iterate agrees with get`);
  return got;
}

const at = (ctx: CaseContext, ms: number) => new Date(Date.parse(ctx.clock.iso()) + ms).toISOString();

/** Expiry: ttlSeconds from the store's clock, expiresAt, invisibility, conditions, clearing. */
export function expiryCases(): ConformanceCase[] {
  return [
    kase(
      "store.expiry.ttlSeconds",
      "an item put with ttlSeconds is seen by every read until the store's clock reaches put time + ttl, and by none from then on",
      async (ctx) => {
        const s = storeOf(ctx.backend);
        await s.put({ pk: "p", sk: "a" });
        await s.put({ pk: "p", sk: "b" }, { ttlSeconds: 60 });
        await s.put({ pk: "p", sk: "c" }, { ttlSeconds: 120 });
        checkEqual(await seen(s, "p", ["a", "b", "c"], "right after the puts"), ["a", "b", "c"], "items at put time");
        ctx.clock.advance(59_999);
        checkEqual(await seen(s, "p", ["a", "b", "c"], "1 ms before b expires"), ["a", "b", "c"], "items 1 ms before expiry");
        ctx.clock.advance(1);
        checkEqual(await seen(s, "p", ["a", "b", "c"], "when b expires"), ["a", "c"], "items at b's expiry");
        ctx.clock.advance(60_000);
        checkEqual(await seen(s, "p", ["a", "b", "c"], "when c expires"), ["a"], "items at c's expiry");
      },
    ),
    kase(
      "store.expiry.expiresAt",
      "an item put with expiresAt is gone from that instant; an instant already past hides it at once",
      async (ctx) => {
        const s = storeOf(ctx.backend);
        await s.put({ pk: "p", sk: "a" }, { expiresAt: at(ctx, 5_000) });
        await s.put({ pk: "p", sk: "past" }, { expiresAt: at(ctx, -1) });
        await s.put({ pk: "p", sk: "now" }, { expiresAt: at(ctx, 0) });
        checkEqual(await seen(s, "p", ["a", "now", "past"], "at put time"), ["a"], "items at put time");
        ctx.clock.advance(4_999);
        checkEqual(await seen(s, "p", ["a", "now", "past"], "1 ms before expiresAt"), ["a"], "items 1 ms before expiresAt");
        ctx.clock.advance(1);
        checkEqual(await seen(s, "p", ["a", "now", "past"], "at expiresAt"), [], "items at expiresAt");
      },
    ),
    kase(
      "store.expiry.conditions",
      "an expired item counts as absent for ifNotExists, delete, deleteMany and transact conditions",
      async (ctx) => {
        const s = storeOf(ctx.backend);
        for (const sk of ["a", "b", "c", "d", "e"]) await s.put({ pk: "p", sk, v: 1 }, { ttlSeconds: 1 });
        ctx.clock.advance(1_000);
        await s.put({ pk: "p", sk: "a", v: 2 }, { ifNotExists: true });
        checkEqual((await s.get("p", "a"))?.v, 2, "put ifNotExists over an expired item");
        checkEqual(await s.delete("p", "b"), false, "delete of an expired item");
        checkEqual(await s.deleteMany([{ pk: "p", sk: "c" }]), 0, "deleteMany of an expired item");
        const failed = await expectStoreError(
          () => s.transact([{ delete: { pk: "p", sk: "d" }, ifExists: true }]),
          "CONDITION_FAILED",
          "transact delete ifExists of an expired item",
        );
        checkEqual(failed.details.index, 0, "details.index");
        await expectStoreError(
          () => s.transact([{ check: { pk: "p", sk: "d" }, exists: true }]),
          "CONDITION_FAILED",
          "transact check exists of an expired item",
        );
        await s.transact([
          { check: { pk: "p", sk: "d" }, exists: false },
          { put: { pk: "p", sk: "e", v: 3 }, ifNotExists: true },
        ]);
        checkEqual((await s.get("p", "e"))?.v, 3, "transact put ifNotExists over an expired item");
        checkEqual(
          (await s.query("p", "")).map((i) => i.sk),
          ["a", "e"],
          "live items",
        );
      },
    ),
    kase("store.expiry.replace", "a put without expiry clears an earlier one; a put with a new expiry replaces the old", async (ctx) => {
      const s = storeOf(ctx.backend);
      await s.put({ pk: "p", sk: "a", v: 1 }, { ttlSeconds: 10 });
      await s.put({ pk: "p", sk: "a", v: 2 });
      await s.put({ pk: "p", sk: "b", v: 1 }, { ttlSeconds: 10 });
      await s.put({ pk: "p", sk: "b", v: 2 }, { ttlSeconds: 100 });
      await s.put({ pk: "p", sk: "c", v: 1 }, { ttlSeconds: 100 });
      await s.putMany([{ pk: "p", sk: "c", v: 2 }]);
      await s.put({ pk: "p", sk: "d", v: 1 }, { ttlSeconds: 100 });
      await s.transact([{ put: { pk: "p", sk: "d", v: 2 } }]);
      ctx.clock.advance(10_000);
      checkEqual(
        (await s.query("p", "")).map((i) => [i.sk, i.v]),
        [
          ["a", 2],
          ["b", 2],
          ["c", 2],
          ["d", 2],
        ],
        "items after the first expiry",
      );
      ctx.clock.advance(90_000);
      checkEqual(
        (await s.query("p", "")).map((i) => i.sk),
        ["a", "c", "d"],
        "items after the second expiry",
      );
      ctx.clock.advance(1_000_000_000);
      checkEqual(
        (await s.query("p", "")).map((i) => i.sk),
        ["a", "c", "d"],
        "items without expiry, much later",
      );
    }),
    kase("store.expiry.batchAndTransact", "putMany and transact puts take ttlSeconds from the store's clock too", async (ctx) => {
      const s = storeOf(ctx.backend);
      await s.putMany(
        [
          { pk: "p", sk: "m1" },
          { pk: "p", sk: "m2" },
        ],
        { ttlSeconds: 30 },
      );
      await s.transact([
        { put: { pk: "p", sk: "t1" }, ttlSeconds: 60 },
        { put: { pk: "p", sk: "t2" }, expiresAt: at(ctx, 90_000) },
      ]);
      ctx.clock.advance(29_999);
      checkEqual(
        (await s.query("p", "")).map((i) => i.sk),
        ["m1", "m2", "t1", "t2"],
        "1 ms before the putMany items expire",
      );
      ctx.clock.advance(1);
      checkEqual(
        (
          await s.getMany([
            { pk: "p", sk: "m1" },
            { pk: "p", sk: "t1" },
          ])
        ).map((i) => i?.sk ?? null),
        [null, "t1"],
        "when the putMany items expire",
      );
      ctx.clock.advance(30_000);
      checkEqual(
        (await s.query("p", "")).map((i) => i.sk),
        ["t2"],
        "when the transact ttl item expires",
      );
      ctx.clock.advance(30_000);
      checkEqual(await s.query("p", ""), [], "when the transact expiresAt item expires");
    }),
    kase("store.expiry.paging", "query limits and pages count only unexpired items, however many expired ones lie between", async (ctx) => {
      const s = storeOf(ctx.backend);
      const live: string[] = [];
      for (let i = 0; i < 30; i++) {
        const sk = `k${String(i).padStart(2, "0")}`;
        if (i % 3 === 1) live.push(sk);
        await s.put({ pk: "p", sk }, i % 3 === 1 ? {} : { ttlSeconds: 5 });
      }
      ctx.clock.advance(5_000);
      checkEqual(
        (await s.query("p", "", { limit: 4 })).map((i) => i.sk),
        live.slice(0, 4),
        "query limit 4",
      );
      checkEqual(
        (await s.query("p", "", { limit: 4, reverse: true })).map((i) => i.sk),
        [...live].reverse().slice(0, 4),
        "query limit 4 reverse",
      );
      const first = await s.queryPage("p", "", { limit: 3 });
      checkEqual(
        first.items.map((i) => i.sk),
        live.slice(0, 3),
        "first page of 3",
      );
      checkEqual(
        (await collectPages((cursor) => s.queryPage("p", "", { limit: 2, cursor }), 2, live.length)).map((i) => i.sk),
        live,
        "every page of 2",
      );
      checkEqual(
        (await drain(s.iterate("p", "", { pageSize: 2, reverse: true }))).map((i) => i.sk),
        [...live].reverse(),
        "iterate reverse",
      );
    }),
    kase("store.expiry.validation", "bad ttlSeconds or expiresAt, or both, are VALIDATION and nothing is written", async (ctx) => {
      const s = storeOf(ctx.backend);
      const bad: Array<[string, object]> = [
        ["ttlSeconds 0", { ttlSeconds: 0 }],
        ["ttlSeconds -1", { ttlSeconds: -1 }],
        ["ttlSeconds 1.5", { ttlSeconds: 1.5 }],
        ["ttlSeconds NaN", { ttlSeconds: Number.NaN }],
        ["ttlSeconds as a string", { ttlSeconds: "60" }],
        ["ttlSeconds over 100 years", { ttlSeconds: 100 * 365 * 24 * 3600 + 1 }],
        ["expiresAt without milliseconds", { expiresAt: "2026-01-01T00:00:00Z" }],
        ["expiresAt with an offset", { expiresAt: "2026-01-01T00:00:00.000+01:00" }],
        ["expiresAt not a real instant", { expiresAt: "2026-02-30T00:00:00.000Z" }],
        ["expiresAt as a number", { expiresAt: Date.parse(ctx.clock.iso()) + 1000 }],
        ["both", { ttlSeconds: 60, expiresAt: at(ctx, 60_000) }],
      ];
      for (const [what, options] of bad) {
        await expectStoreError(() => s.put({ pk: "p", sk: "put" }, options), "VALIDATION", `put with ${what}`);
        await expectStoreError(() => s.putMany([{ pk: "p", sk: "many" }], options), "VALIDATION", `putMany with ${what}`);
        await expectStoreError(() => s.transact([{ put: { pk: "p", sk: "tx" }, ...options }]), "VALIDATION", `transact put with ${what}`);
      }
      checkEqual(await s.query("p", ""), [], "items after the rejected writes");
      await s.put({ pk: "p", sk: "max" }, { ttlSeconds: 100 * 365 * 24 * 3600 });
      check((await s.get("p", "max")) !== null, "an item with the longest ttlSeconds is stored");
    }),
  ];
}
