import type { TransactOp } from "../../types/stores";
import { checkEqual, expectStoreError } from "../assert";
import type { ConformanceCase } from "../types";
import { storeOf, type Item } from "./generic";
import { kase } from "./helpers";

const key = (pk: string, sk: string) => ({ pk, sk });
const sks = (items: Item[]) => items.map((i) => i.sk);

/** transact: all or nothing, conditions with the failing index, at most 100 ops on distinct keys. */
export function transactCases(): ConformanceCase[] {
  return [
    kase("store.transact.applies", "transact applies every put and delete when every condition holds", async ({ backend }) => {
      const s = storeOf(backend);
      await s.putMany([
        { pk: "p", sk: "old", v: 1 },
        { pk: "p", sk: "gone" },
        { pk: "q", sk: "kept", v: 1 },
      ]);
      await s.transact([
        { put: { pk: "p", sk: "new", v: 2 }, ifNotExists: true },
        { put: { pk: "p", sk: "old", v: 3 } },
        { delete: key("p", "gone"), ifExists: true },
        { delete: key("p", "never") },
        { check: key("q", "kept"), exists: true },
        { check: key("q", "absent"), exists: false },
      ]);
      checkEqual(
        (await s.query("p", "")).map((i) => [i.sk, i.v]),
        [
          ["new", 2],
          ["old", 3],
        ],
        "items of p",
      );
      checkEqual(
        (await s.query("q", "")).map((i) => [i.sk, i.v]),
        [["kept", 1]],
        "items of q",
      );
      await s.transact([]);
    }),
    kase(
      "store.transact.allOrNothing",
      "a condition that fails is CONDITION_FAILED with its index, and no operation of the call is applied",
      async ({ backend }) => {
        const s = storeOf(backend);
        await s.putMany([
          { pk: "p", sk: "a", v: 1 },
          { pk: "p", sk: "b", v: 1 },
        ]);
        const writes: TransactOp<Item>[] = [
          { put: { pk: "p", sk: "a", v: 2 } },
          { put: { pk: "p", sk: "new", v: 2 } },
          { delete: key("p", "b") },
        ];
        const failing: Array<[string, TransactOp<Item>]> = [
          ["put ifNotExists on a taken key", { put: { pk: "p", sk: "b2", v: 9 }, ifNotExists: true }],
          ["delete ifExists of a missing key", { delete: key("p", "missing"), ifExists: true }],
          ["check exists of a missing key", { check: key("q", "missing"), exists: true }],
          ["check not exists of a present key", { check: key("p", "a2"), exists: false }],
        ];
        await s.putMany([
          { pk: "p", sk: "b2" },
          { pk: "p", sk: "a2" },
        ]);
        for (const [what, op] of failing) {
          for (const position of [0, 3]) {
            const ops = [...writes];
            ops.splice(position, 0, op);
            const err = await expectStoreError(() => s.transact(ops), "CONDITION_FAILED", `${what} at index ${position}`);
            checkEqual(err.details.index, position, `details.index of ${what} at index ${position}`);
            checkEqual(
              (await s.query("p", "")).map((i) => [i.sk, i.v ?? null]),
              [
                ["a", 1],
                ["a2", null],
                ["b", 1],
                ["b2", null],
              ],
              `items after ${what} at index ${position}`,
            );
          }
        }
        const two = await expectStoreError(
          () => s.transact([...writes, failing[2]![1], failing[1]![1]]),
          "CONDITION_FAILED",
          "two failing conditions",
        );
        checkEqual(two.details.index, 3, "details.index names the first failing operation");
      },
    ),
    kase(
      "store.transact.limits",
      "100 operations are accepted, 101 or two on one key are VALIDATION, and nothing is written",
      async ({ backend }) => {
        const s = storeOf(backend);
        const puts = (n: number, prefix: string): TransactOp<Item>[] =>
          Array.from({ length: n }, (_, i) => ({ put: { pk: "p", sk: `${prefix}${String(i).padStart(3, "0")}` } }));
        await expectStoreError(() => s.transact(puts(101, "x")), "VALIDATION", "101 operations");
        await expectStoreError(
          () => s.transact([...puts(3, "y"), { delete: key("p", "y001") }]),
          "VALIDATION",
          "a put and a delete of one key",
        );
        await expectStoreError(
          () => s.transact([{ check: key("p", "z"), exists: false }, { put: { pk: "p", sk: "z" } }]),
          "VALIDATION",
          "a check and a put of one key",
        );
        checkEqual(await s.query("p", ""), [], "items after the rejected calls");
        await s.transact(puts(100, "k"));
        checkEqual((await s.query("p", "")).length, 100, "items after 100 puts in one call");
        await expectStoreError(
          () => s.transact([{ put: { pk: "p", sk: "big", v: "x".repeat(360 * 1024) } }]),
          "ITEM_TOO_LARGE",
          "an item over 350 KiB",
        );
      },
    ),
    kase(
      "store.transact.validation",
      "malformed operations are VALIDATION naming the operation, and nothing is written",
      async ({ backend }) => {
        const s = storeOf(backend);
        const bad: Array<[string, unknown]> = [
          ["not an array", { put: { pk: "p", sk: "s" } }],
          ["an empty operation", [{}]],
          ["null", [null]],
          ["put and delete in one operation", [{ put: { pk: "p", sk: "s" }, delete: key("p", "t") }]],
          ["an option of another kind", [{ delete: key("p", "s"), ifNotExists: true }]],
          ["a check without exists", [{ check: key("p", "s") }]],
          ["a non-boolean ifExists", [{ delete: key("p", "s"), ifExists: "yes" }]],
          ["a bad key", [{ put: { pk: "p", sk: "ok" } }, { delete: key("", "s") }]],
          ["a bad item", [{ put: { pk: "p", sk: "ok" } }, { put: { pk: "p", sk: "x", v: () => 1 } }]],
        ];
        for (const [what, ops] of bad) await expectStoreError(() => s.transact(ops as never), "VALIDATION", `transact with ${what}`);
        const err = await expectStoreError(
          () => s.transact([{ put: { pk: "p", sk: "ok" } }, { delete: key("", "s") }]),
          "VALIDATION",
          "a bad key in ops[1]",
        );
        checkEqual(
          String(err.details.field).startsWith("ops[1]"),
          true,
          `details.field names ops[1]: ${JSON.stringify(err.details.field)}`,
        );
        checkEqual(sks(await s.query("p", "")), [], "items after the rejected calls");
      },
    ),
  ];
}
