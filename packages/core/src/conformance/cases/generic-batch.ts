import { check, checkEqual, expectStoreError } from "../assert";
import type { ConformanceCase } from "../types";
import { storeOf, type Item } from "./generic";
import { kase } from "./helpers";

const key = (pk: string, sk: string) => ({ pk, sk });
const sk3 = (i: number) => `s${String(i).padStart(3, "0")}`;

/** getMany, putMany, deleteMany: order, any length, duplicates, validation before writing. */
export function batchCases(): ConformanceCase[] {
  return [
    kase(
      "store.getMany.order",
      "getMany returns one entry per key in the order given (null where absent, repeats for repeated keys), for any length",
      async ({ backend, rng }) => {
        const s = storeOf(backend);
        const items: Item[] = Array.from({ length: 240 }, (_, i) => ({ pk: `p${i % 7}`, sk: sk3(i), v: i }));
        await s.putMany(items);
        const keys = rng.shuffle([
          ...items.map((i) => key(i.pk, i.sk)),
          key("p0", "missing"),
          key("nobody", "s000"),
          key("p1", sk3(1)),
          key("p3", sk3(3)),
        ]);
        const got = await s.getMany(keys);
        checkEqual(got.length, keys.length, "entries returned");
        const expected = keys.map((k) => items.find((i) => i.pk === k.pk && i.sk === k.sk) ?? null);
        checkEqual(
          got.map((i) => (i === null ? null : [i.pk, i.sk, i.v])),
          expected.map((i) => (i === null ? null : [i.pk, i.sk, i.v])),
          "entries in key order",
        );
        checkEqual(await s.getMany([]), [], "getMany of no keys");
        checkEqual(await s.getMany([key("p1", sk3(1)), key("p1", sk3(1))]).then((r) => r.map((i) => i?.v)), [1, 1], "a key given twice");
      },
    ),
    kase(
      "store.putMany.roundtrip",
      "putMany writes any number of items across partitions; a key given twice keeps the last",
      async ({ backend }) => {
        const s = storeOf(backend);
        const items: Item[] = Array.from({ length: 70 }, (_, i) => ({ pk: `p${i % 3}`, sk: sk3(i), v: i, gone: undefined }));
        await s.putMany([...items, { pk: "p0", sk: sk3(0), v: "last" }]);
        await s.putMany([]);
        for (const pk of ["p0", "p1", "p2"]) {
          const expected = items
            .filter((i) => i.pk === pk)
            .map((i) => ({ pk: i.pk, sk: i.sk, v: i.pk === "p0" && i.sk === sk3(0) ? "last" : i.v }));
          checkEqual(await s.query(pk, ""), expected, `items of ${pk}`);
        }
        await s.putMany([{ pk: "p1", sk: sk3(1), v: "over" }]);
        checkEqual((await s.get("p1", sk3(1)))?.v, "over", "putMany overwrites");
      },
    ),
    kase(
      "store.putMany.validatesFirst",
      "putMany validates every item before writing any: one bad item anywhere and nothing is written",
      async ({ backend }) => {
        const s = storeOf(backend);
        const good: Item[] = Array.from({ length: 40 }, (_, i) => ({ pk: "p", sk: sk3(i) }));
        const err = await expectStoreError(
          () => s.putMany([...good, { pk: "p", sk: "bad", v: Number.NaN }]),
          "VALIDATION",
          "putMany with a NaN in item 40",
        );
        check(String(err.details.field).startsWith("items[40]"), `details.field names the item: ${JSON.stringify(err.details.field)}`);
        await expectStoreError(() => s.putMany([...good, { pk: "", sk: "s" }]), "VALIDATION", "putMany with an empty pk in the last item");
        await expectStoreError(
          () => s.putMany([...good, { pk: "p", sk: "big", v: "x".repeat(360 * 1024) }]),
          "ITEM_TOO_LARGE",
          "putMany with an item over 350 KiB",
        );
        await expectStoreError(() => s.putMany("items" as never), "VALIDATION", "putMany of a string");
        await expectStoreError(() => s.putMany([null as never]), "VALIDATION", "putMany of [null]");
        checkEqual(await s.query("p", ""), [], "items after the rejected calls");
      },
    ),
    kase(
      "store.deleteMany.count",
      "deleteMany removes every key given and returns how many held an item (a repeated key counts once)",
      async ({ backend }) => {
        const s = storeOf(backend);
        await s.putMany(Array.from({ length: 60 }, (_, i) => ({ pk: `p${i % 2}`, sk: sk3(i) })));
        const keys = [
          ...Array.from({ length: 30 }, (_, i) => key(`p${i % 2}`, sk3(i))),
          key("p0", sk3(0)),
          key("p0", "missing"),
          key("p1", sk3(0)),
        ];
        checkEqual(await s.deleteMany(keys), 30, "deleted count");
        checkEqual((await s.query("p0", "")).length + (await s.query("p1", "")).length, 30, "items left");
        checkEqual(await s.get("p0", sk3(0)), null, "a deleted item");
        checkEqual(await s.deleteMany(keys), 0, "deleting again");
        checkEqual(await s.deleteMany([]), 0, "deleteMany of no keys");
      },
    ),
    kase(
      "store.batch.validation",
      "getMany and deleteMany validate every key first (VALIDATION naming it); nothing is deleted",
      async ({ backend }) => {
        const s = storeOf(backend);
        await s.put({ pk: "p", sk: "a" });
        const bad: Array<[string, unknown]> = [
          ["a string", "p"],
          ["null", null],
          ["[null]", [null]],
          ["an empty pk", [key("p", "a"), key("", "s")]],
          ["a numeric sk", [key("p", "a"), { pk: "p", sk: 5 }]],
          ["a lone surrogate", [key("p", "a"), key("p", "\ud800")]],
        ];
        for (const [what, keys] of bad) {
          await expectStoreError(() => s.getMany(keys as never), "VALIDATION", `getMany with ${what}`);
          await expectStoreError(() => s.deleteMany(keys as never), "VALIDATION", `deleteMany with ${what}`);
        }
        const err = await expectStoreError(
          () => s.deleteMany([key("p", "a"), key("p", "b"), key("", "s")]),
          "VALIDATION",
          "deleteMany with a bad third key",
        );
        check(String(err.details.field).startsWith("keys[2]"), `details.field names the key: ${JSON.stringify(err.details.field)}`);
        check((await s.get("p", "a")) !== null, "the item survives rejected deleteMany calls");
      },
    ),
  ];
}
