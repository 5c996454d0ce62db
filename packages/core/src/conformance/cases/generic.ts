import type { JsonValue } from "../../types/json";
import type { KeySchema, StorageBackend, Store } from "../../types/stores";
import { compareUtf8 } from "../../encoding/utf8";
import { check, checkEqual, expectOk, expectStoreError } from "../assert";
import type { ConformanceCase } from "../types";
import { collectPages, expectStoreThrows, kase, pageSizes } from "./helpers";

/** The item type of the kit's generic stores. */
export type Item = { pk: string; sk: string; v?: JsonValue; [k: string]: JsonValue | undefined };
export const itemSchema = (name: string): KeySchema<Item> => ({ name, key: (i) => ({ pk: i.pk, sk: i.sk }) });
export const storeOf = (b: StorageBackend, name = "items"): Store<Item> => b.store<Item>(itemSchema(name));

/** Keys that break naive key layouts. */
export const HOSTILE_KEYS = [
  "#",
  "a#b",
  "a",
  "a#",
  "%",
  "%23",
  "/",
  "a/b",
  "\u0000",
  "a\u0000b",
  "a\u0001",
  "a\u0002",
  "😀",
  "\uffff",
  " ",
  "\\",
  "'",
  "a.b",
];

/** The UTF-8 vs UTF-16 trap: U+E000–U+FFFF sort before astral characters in UTF-8 order. */
export const TRAP_KEYS = ["\uffff", "\ue000", "😀", "\u{10000}", "\u{10ffff}", "z", "é", "\ufffd", "\uff5e", "𝄞"];

const sks = (items: Item[]) => items.map((i) => i.sk);

/** The generic store: roundtrip, conditions, hostile keys, ordering, prefixes, paging, isolation. */
export function genericCases(): ConformanceCase[] {
  return [
    kase("store.put.roundtrip", "put then get returns the item as JSON (undefined dropped, -0 as 0)", async ({ backend }) => {
      const s = storeOf(backend);
      await s.put({
        pk: "p",
        sk: "s",
        v: { list: [1, 2.5, -1e-7, 1e21, "x", null, true, {}], s: "é😀\u0000", none: null, gone: undefined },
        negZero: -0,
      });
      checkEqual(
        await s.get("p", "s"),
        { pk: "p", sk: "s", v: { list: [1, 2.5, -1e-7, 1e21, "x", null, true, {}], s: "é😀\u0000", none: null }, negZero: 0 },
        "get(p, s)",
      );
      check(!Object.is((await s.get("p", "s"))?.negZero, -0), "-0 must come back as 0");
      checkEqual(await s.get("p", "other"), null, "get of a missing sk");
      checkEqual(await s.get("other", "s"), null, "get of a missing pk");
    }),
    kase("store.put.overwrite", "put overwrites; ifNotExists on a taken key is ALREADY_EXISTS and keeps the item", async ({ backend }) => {
      const s = storeOf(backend);
      await s.put({ pk: "p", sk: "s", v: 1 });
      await s.put({ pk: "p", sk: "s", v: 2 });
      checkEqual((await s.get("p", "s"))?.v, 2, "value after overwrite");
      await expectStoreError(
        () => s.put({ pk: "p", sk: "s", v: 3 }, { ifNotExists: true }),
        "ALREADY_EXISTS",
        "put ifNotExists on a taken key",
      );
      checkEqual((await s.get("p", "s"))?.v, 2, "value after the rejected put");
      await expectOk(s.put({ pk: "p", sk: "t", v: 4 }, { ifNotExists: true }), "put ifNotExists on a free key");
    }),
    kase(
      "store.delete.semantics",
      "delete is true once, then false; a deleted key can be put again with ifNotExists",
      async ({ backend }) => {
        const s = storeOf(backend);
        await s.put({ pk: "p", sk: "s" });
        checkEqual(await s.delete("p", "s"), true, "first delete");
        checkEqual(await s.delete("p", "s"), false, "second delete");
        checkEqual(await s.get("p", "s"), null, "get after delete");
        await expectOk(s.put({ pk: "p", sk: "s" }, { ifNotExists: true }), "put ifNotExists after delete");
      },
    ),
    kase(
      "store.keys.hostile",
      "keys with #, %, /, NUL, emoji and delimiters never reach another key's item",
      async ({ backend }) => {
        const s = storeOf(backend);
        for (const pk of HOSTILE_KEYS) for (const sk of HOSTILE_KEYS) await s.put({ pk, sk, v: `${pk}|${sk}` });
        for (const pk of HOSTILE_KEYS) {
          for (const sk of HOSTILE_KEYS)
            checkEqual((await s.get(pk, sk))?.v, `${pk}|${sk}`, `value at (${JSON.stringify(pk)}, ${JSON.stringify(sk)})`);
          checkEqual(sks(await s.query(pk, "")), [...HOSTILE_KEYS].sort(compareUtf8), `query(${JSON.stringify(pk)}, "")`);
        }
      },
      { timeoutMs: 120_000 },
    ),
    kase("store.keys.prefixPartitions", "a pk that prefixes another pk shares nothing with it", async ({ backend }) => {
      const s = storeOf(backend);
      await s.put({ pk: "user", sk: "1" });
      await s.put({ pk: "user#1", sk: "x" });
      await s.put({ pk: "user\u0000", sk: "y" });
      await s.put({ pk: "use", sk: "r#1" });
      checkEqual(sks(await s.query("user", "")), ["1"], "query(user)");
      checkEqual(sks(await s.query("use", "")), ["r#1"], "query(use)");
      checkEqual(sks(await s.query("user#1", "")), ["x"], "query(user#1)");
      checkEqual(await s.get("user", "#1"), null, "get(user, #1)");
      await s.delete("user", "1");
      checkEqual(sks(await s.query("user#1", "")), ["x"], "query(user#1) after deleting (user, 1)");
    }),
    kase(
      "store.keys.maxLength",
      "keys at the maximum length, and keys one character shorter, are distinct and queryable",
      async ({ backend }) => {
        const s = storeOf(backend);
        const pk = "#".repeat(2044) + "😀";
        const sk = "%".repeat(1020) + "😀";
        const pairs: Array<[string, string]> = [
          [pk, sk],
          [pk.slice(0, -2), sk],
          [pk, sk.slice(0, -2)],
          [pk, sk.slice(0, -2) + "\u0000"],
        ];
        for (const [p, k] of pairs) await s.put({ pk: p, sk: k, v: `${p.length}/${k.length}` });
        for (const [p, k] of pairs)
          checkEqual((await s.get(p, k))?.v, `${p.length}/${k.length}`, `item at (${p.length} chars, ${k.length} chars)`);
        checkEqual(
          (await s.query(pk, sk.slice(0, -2))).map((i) => i.sk),
          [sk.slice(0, -2), sk.slice(0, -2) + "\u0000", sk],
          "query by a 1020-byte prefix",
        );
        checkEqual((await s.query(pk.slice(0, -2), "")).length, 1, "items under the shorter pk");
      },
    ),
    kase("store.keys.deleteIsExact", "delete removes exactly one key, even when keys prefix each other", async ({ backend }) => {
      const s = storeOf(backend);
      for (const sk of ["a", "ab", "a#", "a\u0000"]) await s.put({ pk: "p", sk });
      await s.delete("p", "a");
      checkEqual(sks(await s.query("p", "")), ["a\u0000", "a#", "ab"], "remaining sks");
    }),
    kase(
      "store.query.utf8Order",
      "query orders sk in UTF-8 byte order, not UTF-16 (U+FFFF sorts before astral characters)",
      async ({ backend, rng }) => {
        const s = storeOf(backend);
        for (const sk of rng.shuffle(TRAP_KEYS)) await s.put({ pk: "p", sk });
        const expected = [...TRAP_KEYS].sort(compareUtf8);
        checkEqual(sks(await s.query("p", "")), expected, "query order");
        checkEqual(sks(await s.query("p", "", { reverse: true })), [...expected].reverse(), "reverse query order");
        const paged = await collectPages((cursor) => s.queryPage("p", "", { limit: 3, cursor }), 3, TRAP_KEYS.length);
        checkEqual(sks(paged), expected, "queryPage order");
      },
    ),
    kase("store.query.prefix", "query returns the items whose sk begins with the prefix, byte-wise", async ({ backend }) => {
      const s = storeOf(backend);
      const all = ["a", "a#", "a#1", "a#2", "a$", "ab", "b", "a😀", "A", "a\u0000", "a#\uffff", "a#😀"];
      for (const sk of all) await s.put({ pk: "p", sk });
      for (const prefix of ["a#", "a", "A", "a😀", "\ud83d", "", "zz", "a\u0000"]) {
        if (prefix === "\ud83d") {
          await expectStoreError(() => s.query("p", prefix), "VALIDATION", "a prefix with a lone surrogate");
          continue;
        }
        checkEqual(
          sks(await s.query("p", prefix)),
          all.filter((k) => k.startsWith(prefix)).sort(compareUtf8),
          `query(p, ${JSON.stringify(prefix)})`,
        );
      }
    }),
    kase("store.query.limitReverse", "limit takes the first items; reverse gives descending order", async ({ backend }) => {
      const s = storeOf(backend);
      for (const sk of ["1", "2", "3", "4", "5"]) await s.put({ pk: "p", sk });
      checkEqual(sks(await s.query("p", "", { limit: 2 })), ["1", "2"], "limit 2");
      checkEqual(sks(await s.query("p", "", { limit: 2, reverse: true })), ["5", "4"], "limit 2 reverse");
      checkEqual(sks(await s.query("p", "", { limit: 1000 })), ["1", "2", "3", "4", "5"], "limit 1000");
      for (const limit of [0, 1001, 1.5]) await expectStoreError(() => s.query("p", "", { limit }), "VALIDATION", `query limit ${limit}`);
      checkEqual(await s.query("none", ""), [], "query of an empty partition");
    }),
    kase(
      "store.queryPage.everyPageSize",
      "queryPage returns every item once, in order, forward and reverse, for page sizes 1..n+1",
      async ({ backend, rng }) => {
        const s = storeOf(backend);
        const all = ["k1", "k10", "k2", "k#", "k😀", "k\uffff", "k\u0000", "x"];
        for (const sk of rng.shuffle(all)) await s.put({ pk: "p", sk });
        const expected = all.filter((k) => k.startsWith("k")).sort(compareUtf8);
        for (const limit of pageSizes(expected.length)) {
          checkEqual(
            sks(await collectPages((cursor) => s.queryPage("p", "k", { limit, cursor }), limit, expected.length)),
            expected,
            `forward, limit ${limit}`,
          );
          checkEqual(
            sks(await collectPages((cursor) => s.queryPage("p", "k", { limit, cursor, reverse: true }), limit, expected.length)),
            [...expected].reverse(),
            `reverse, limit ${limit}`,
          );
        }
      },
    ),
    kase(
      "store.queryPage.badCursor",
      "cursors of another pk, prefix, direction or store, and garbage, are VALIDATION",
      async ({ backend }) => {
        const s = storeOf(backend);
        const t = storeOf(backend, "other");
        for (const sk of ["a1", "a2", "a3"]) {
          await s.put({ pk: "p", sk });
          await s.put({ pk: "q", sk });
          await t.put({ pk: "p", sk });
        }
        const c = (await s.queryPage("p", "a", { limit: 1 })).cursor;
        check(c !== undefined, "a first page of 1 out of 3 must have a cursor");
        await expectStoreError(() => s.queryPage("q", "a", { limit: 1, cursor: c }), "VALIDATION", "cursor used with another pk");
        await expectStoreError(() => s.queryPage("p", "", { limit: 1, cursor: c }), "VALIDATION", "cursor used with another prefix");
        await expectStoreError(() => s.queryPage("p", "a", { limit: 1, cursor: c, reverse: true }), "VALIDATION", "cursor used in reverse");
        await expectStoreError(() => t.queryPage("p", "a", { limit: 1, cursor: c }), "VALIDATION", "cursor used in another store");
        await expectStoreError(() => s.queryPage("p", "a", { limit: 1, cursor: "garbage!" }), "VALIDATION", "garbage cursor");
        await expectStoreError(() => s.queryPage("p", "a", { limit: 0 }), "VALIDATION", "limit 0");
      },
    ),
    kase(
      "store.isolation.schemaNames",
      "stores of different names never see each other's items, even with equal keys",
      async ({ backend }) => {
        const a = storeOf(backend, "alpha");
        const b = storeOf(backend, "beta");
        await a.put({ pk: "p", sk: "s", v: "a" });
        checkEqual(await b.get("p", "s"), null, "beta.get of alpha's key");
        checkEqual(await b.query("p", ""), [], "beta.query of alpha's pk");
        await b.put({ pk: "p", sk: "s", v: "b" }, { ifNotExists: true });
        checkEqual((await a.get("p", "s"))?.v, "a", "alpha's item after beta's put");
        checkEqual(await b.delete("p", "s"), true, "beta.delete");
        checkEqual((await a.get("p", "s"))?.v, "a", "alpha's item after beta's delete");
        checkEqual((await storeOf(backend, "alpha").get("p", "s"))?.v, "a", "a second handle of alpha");
      },
    ),
    kase("store.isolation.nameKeyBoundary", "a store name and a pk never combine into another store's key", async ({ backend }) => {
      const pairs: Array<[string, string]> = [
        ["a", "b.c"],
        ["a.b", "c"],
        ["a", "b-c"],
        ["a-b", "c"],
        ["a", "b_c"],
        ["a_b", "c"],
        ["a", "b:c"],
        ["a", "b#c"],
        ["a", "b/c"],
        ["a", "b\u0000c"],
        ["a", "b\u0001c"],
        ["ab", "c"],
        ["a", "bc"],
      ];
      for (const [name, pk] of pairs) await storeOf(backend, name).put({ pk, sk: "s", v: `${name}|${pk}` });
      for (const [name, pk] of pairs) {
        checkEqual(
          (await storeOf(backend, name).query(pk, "")).map((i) => i.v),
          [`${name}|${pk}`],
          `store ${name}, pk ${JSON.stringify(pk)}`,
        );
      }
    }),
    kase("store.isolation.fromEntities", "generic stores do not see or change dialogues, documents or links", async (ctx) => {
      const { backend } = ctx;
      await backend.dialogues.createDialogue({ id: "d1", title: "t" });
      await backend.documents.addDocument({ title: "t", body: "b" });
      for (const name of ["dialogues", "documents", "links", "dialogue", "d1"]) {
        const s = storeOf(backend, name);
        checkEqual(await s.query("d1", ""), [], `store ${name} query(d1)`);
        await s.put({ pk: "d1", sk: "d1" });
      }
      checkEqual((await backend.dialogues.getDialogue("d1"))?.title, "t", "the dialogue after generic puts");
      await ctx.eventually(async () =>
        checkEqual(
          (await backend.dialogues.listDialogues()).map((d) => d.id),
          ["d1"],
          "listed dialogues after generic puts",
        ),
      );
    }),
    kase("store.validation.keys", "empty keys, non-strings and lone surrogates are VALIDATION", async ({ backend }) => {
      const s = storeOf(backend);
      for (const [pk, sk] of [
        ["", "s"],
        ["p", ""],
        [1, "s"],
        ["p", null],
        ["\ud800", "s"],
        ["p", "a\udfff"],
      ] as Array<[unknown, unknown]>) {
        await expectStoreError(
          () => s.put({ pk: pk as string, sk: sk as string }),
          "VALIDATION",
          `put with key (${JSON.stringify(pk)}, ${JSON.stringify(sk)})`,
        );
        await expectStoreError(
          () => s.get(pk as string, sk as string),
          "VALIDATION",
          `get with key (${JSON.stringify(pk)}, ${JSON.stringify(sk)})`,
        );
        await expectStoreError(
          () => s.delete(pk as string, sk as string),
          "VALIDATION",
          `delete with key (${JSON.stringify(pk)}, ${JSON.stringify(sk)})`,
        );
      }
      await expectStoreError(() => s.query("", ""), "VALIDATION", "query with an empty pk");
    }),
    kase(
      "store.validation.schema",
      "bad schema names and key functions are VALIDATION; store(schema) throws it synchronously",
      async ({ backend }) => {
        for (const name of ["", "1abc", "a b", "a#b", "a/b", "é", "a".repeat(65), 5 as never]) {
          expectStoreThrows(() => backend.store(itemSchema(name)), "VALIDATION", `schema name ${JSON.stringify(name)}`);
        }
        for (const schema of [null, undefined, "items", { name: "items" }, { name: "items", key: "pk" }]) {
          expectStoreThrows(() => backend.store(schema as never), "VALIDATION", `schema ${JSON.stringify(schema) ?? String(schema)}`);
        }
        const throwing = backend.store<Item>({
          name: "t",
          key: () => {
            throw new Error("no key");
          },
        } as never);
        await expectStoreError(() => throwing.put({ pk: "p", sk: "s" }), "VALIDATION", "a key() that throws");
        const bad = backend.store<Item>({ name: "t2", key: () => ({ pk: 1, sk: "s" }) } as never);
        await expectStoreError(() => bad.put({ pk: "p", sk: "s" }), "VALIDATION", "a key() that returns a numeric pk");
      },
    ),
    kase("store.validation.values", "items that are not JSON are VALIDATION and nothing is written", async ({ backend }) => {
      const s = storeOf(backend);
      class Thing {
        x = 1;
      }
      // biome-ignore-start lint/suspicious/noSparseArray: an array hole is one of the bad inputs under test
      const bad: Array<[string, unknown]> = [
        ["NaN", Number.NaN],
        ["Infinity", Infinity],
        ["-Infinity", -Infinity],
        ["bigint", BigInt(1)],
        ["function", () => 1],
        ["symbol", Symbol("s")],
        ["class instance", new Thing()],
        ["Date", new Date(0)],
        ["Map", new Map()],
        ["lone surrogate", "\ud800"],
        ["array hole", [1, , 3]],
        ["undefined in array", [undefined]],
      ];
      // biome-ignore-end lint/suspicious/noSparseArray: an array hole is one of the bad inputs under test
      for (const [what, v] of bad)
        await expectStoreError(() => s.put({ pk: "p", sk: what, v } as never), "VALIDATION", `an item holding a ${what}`);
      await expectStoreError(() => s.put({ pk: "p", sk: "k", "\udc00": 1 } as Item), "VALIDATION", "a key with a lone surrogate");
      checkEqual(await s.query("p", ""), [], "items after rejected puts");
    }),
  ];
}
