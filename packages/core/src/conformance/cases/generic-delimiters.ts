import type { Rng } from "../rng";
import { checkEqual } from "../assert";
import type { ConformanceCase } from "../types";
import { kase } from "./helpers";
import { storeOf } from "./generic";

/**
 * Every character a key layout might use as a delimiter: printable ASCII punctuation, the space,
 * DEL and the C0 controls (all of them are allowed in keys). A layout that joins store name, pk
 * and sk with any of them unescaped makes two of the pairs below collide.
 */
export const DELIMITERS: readonly string[] = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  " ",
  ..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
  "\u007f",
];

/** Characters store names may hold besides letters and digits (`[A-Za-z][A-Za-z0-9._-]*`). */
const NAME_DELIMITERS = [".", "_", "-"];

/** A short seeded fragment of lower-case letters. */
function fragment(rng: Rng): string {
  return Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => String.fromCharCode(97 + Math.floor(rng.next() * 26))).join("");
}

const show = (s: string) => JSON.stringify(s);

/** Store names, pks and sks joined by any delimiter never collide. */
export function delimiterCases(): ConformanceCase[] {
  return [
    kase(
      "store.keys.delimiterCollisions",
      "(a·b, c) and (a, b·c) are different keys for every punctuation and control character ·",
      async ({ backend, rng }) => {
        const s = storeOf(backend);
        const pairs = DELIMITERS.map((d) => ({ d, a: fragment(rng), b: fragment(rng), c: fragment(rng) }));
        for (const { d, a, b, c } of pairs) {
          await s.put({ pk: `${a}${d}${b}`, sk: c, v: "left" });
          await s.put({ pk: a, sk: `${b}${d}${c}`, v: "right" });
          await s.put({ pk: `${a}${d}`, sk: `${b}${c}`, v: "edge" });
        }
        for (const { d, a, b, c } of pairs) {
          const where = `delimiter ${show(d)}`;
          checkEqual((await s.get(`${a}${d}${b}`, c))?.v, "left", `${where}: get(${show(`${a}${d}${b}`)}, ${show(c)})`);
          checkEqual((await s.get(a, `${b}${d}${c}`))?.v, "right", `${where}: get(${show(a)}, ${show(`${b}${d}${c}`)})`);
          checkEqual((await s.get(`${a}${d}`, `${b}${c}`))?.v, "edge", `${where}: get(${show(`${a}${d}`)}, ${show(`${b}${c}`)})`);
          checkEqual((await s.get(a, c))?.v, undefined, `${where}: get(${show(a)}, ${show(c)}) (never written)`);
          checkEqual(
            (await s.query(`${a}${d}${b}`, "")).map((i) => [i.sk, i.v]),
            [[c, "left"]],
            `${where}: query(${show(`${a}${d}${b}`)}, "") holds only its own item`,
          );
        }
      },
      { timeoutMs: 120_000 },
    ),
    kase(
      "store.isolation.nameDelimiters",
      "stores (s·t, p) and (s, t·p) never share an item, for every character a store name may hold",
      async ({ backend, rng }) => {
        for (const d of NAME_DELIMITERS) {
          const s = `s${fragment(rng)}`;
          const t = fragment(rng);
          const p = fragment(rng);
          await storeOf(backend, `${s}${d}${t}`).put({ pk: p, sk: "k", v: "joined name" });
          await storeOf(backend, s).put({ pk: `${t}${d}${p}`, sk: "k", v: "joined pk" });
          checkEqual(
            (await storeOf(backend, `${s}${d}${t}`).get(p, "k"))?.v,
            "joined name",
            `store ${show(`${s}${d}${t}`)} get(${show(p)}, "k")`,
          );
          checkEqual(
            (await storeOf(backend, s).get(`${t}${d}${p}`, "k"))?.v,
            "joined pk",
            `store ${show(s)} get(${show(`${t}${d}${p}`)}, "k")`,
          );
          checkEqual(await storeOf(backend, s).query(p, ""), [], `store ${show(s)} query(${show(p)}, "")`);
        }
      },
    ),
  ];
}
