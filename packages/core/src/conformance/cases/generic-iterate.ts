import { compareUtf8 } from "../../encoding/utf8";
import type { StandardSchemaV1 } from "../../types/standard-schema";
import { check, checkEqual, expectStoreError } from "../assert";
import type { ConformanceCase } from "../types";
import { drain } from "./generic-expiry";
import { storeOf, type Item } from "./generic";
import { kase, newDialogue, pageSizes } from "./helpers";

/** A Standard Schema validator written by hand (the kit depends on no validation library). */
function evenV(): StandardSchemaV1<unknown, Item> {
  return {
    "~standard": {
      version: 1,
      vendor: "blue-store-kit",
      validate: async (value) => {
        const v = (value as Item).v;
        if (typeof v !== "number" || v % 2 !== 0) return { issues: [{ message: "v must be an even number", path: [{ key: "v" }] }] };
        return { value: { ...(value as Item), checked: true } };
      },
    },
  };
}

/** iterate on the generic store and the entity listings; Standard Schema validators. */
export function iterateCases(): ConformanceCase[] {
  return [
    kase(
      "store.iterate.everyPageSize",
      "iterate yields every item once, in order, forward and reverse, for page sizes 1..n+1",
      async ({ backend, rng }) => {
        const s = storeOf(backend);
        const all = ["k1", "k10", "k2", "k#", "k😀", "k\uffff", "k\u0000", "x", "k\ue000"];
        for (const sk of rng.shuffle(all)) await s.put({ pk: "p", sk });
        const expected = all.filter((k) => k.startsWith("k")).sort(compareUtf8);
        for (const pageSize of pageSizes(expected.length)) {
          checkEqual(
            (await drain(s.iterate("p", "k", { pageSize }))).map((i) => i.sk),
            expected,
            `forward, pageSize ${pageSize}`,
          );
          checkEqual(
            (await drain(s.iterate("p", "k", { pageSize, reverse: true }))).map((i) => i.sk),
            [...expected].reverse(),
            `reverse, pageSize ${pageSize}`,
          );
        }
        checkEqual((await drain(s.iterate("p", ""))).length, all.length, "default page size");
        checkEqual(await drain(s.iterate("empty", "")), [], "an empty partition");
      },
    ),
    kase(
      "store.iterate.validation",
      "iterate reports bad arguments as VALIDATION from the first next(), never by throwing",
      async ({ backend }) => {
        const s = storeOf(backend);
        for (const [what, run] of [
          ["an empty pk", () => s.iterate("", "")],
          ["pageSize 0", () => s.iterate("p", "", { pageSize: 0 })],
          ["pageSize 1001", () => s.iterate("p", "", { pageSize: 1001 })],
          ["a lone surrogate prefix", () => s.iterate("p", "\ud800")],
        ] as const) {
          let iterable: AsyncIterable<Item>;
          try {
            iterable = run();
          } catch (e) {
            throw new Error(`iterate with ${what} threw synchronously: ${String(e)}`);
          }
          await expectStoreError(() => iterable[Symbol.asyncIterator]().next(), "VALIDATION", `iterate with ${what}`);
        }
      },
    ),
    kase(
      "iterate.entities",
      "iterateDialogues(status), iterateDocuments and iterateLinks yield exactly what the paged listings do",
      async (ctx) => {
        const { backend } = ctx;
        for (let i = 0; i < 7; i++) {
          await backend.dialogues.createDialogue(newDialogue(`d${i}`, { status: i % 2 === 0 ? "open" : "converged" }));
          ctx.clock.tick();
          await backend.documents.addDocument({ title: `t${i}`, body: "b" });
          await backend.links.addLink({ from: `document:${i + 1}`, to: `dialogue:d${i}`, kind: "about" });
        }
        const ids = async (it: AsyncIterable<{ id: string | number }>) => (await drain(it)).map((x) => x.id);
        await ctx.eventually(async () => {
          checkEqual(
            await ids(backend.dialogues.iterateDialogues()),
            (await backend.dialogues.listDialogues()).map((d) => d.id),
            "iterateDialogues()",
          );
          checkEqual(
            await ids(backend.dialogues.iterateDialogues("converged", { pageSize: 2 })),
            (await backend.dialogues.listDialogues("converged")).map((d) => d.id),
            "iterateDialogues(converged)",
          );
        });
        checkEqual(await ids(backend.documents.iterateDocuments({ pageSize: 3 })), [1, 2, 3, 4, 5, 6, 7], "iterateDocuments");
        const links = await drain(backend.links.iterateLinks({ pageSize: 2 }));
        checkEqual(
          links.map((l) => l.from),
          Array.from({ length: 7 }, (_, i) => `document:${i + 1}`),
          "iterateLinks",
        );
        await expectStoreError(
          () => backend.documents.iterateDocuments({ pageSize: 0 })[Symbol.asyncIterator]().next(),
          "VALIDATION",
          "iterateDocuments with pageSize 0",
        );
      },
    ),
    kase(
      "store.validator.standardSchema",
      "a Standard Schema validator checks every write (put, putMany, transact); its issues are VALIDATION with paths; its output is stored",
      async ({ backend }) => {
        const s = backend.store<Item>({ name: "checked", key: (i) => ({ pk: i.pk, sk: i.sk }), validator: evenV() });
        const err = await expectStoreError(() => s.put({ pk: "p", sk: "odd", v: 3 }), "VALIDATION", "put of an item the validator rejects");
        checkEqual(err.details.field, "item.v", "details.field of put");
        check(err.message.includes("v must be an even number"), `the message carries the issue: ${err.message}`);
        const many = await expectStoreError(
          () =>
            s.putMany([
              { pk: "p", sk: "a", v: 2 },
              { pk: "p", sk: "b", v: 1 },
            ]),
          "VALIDATION",
          "putMany with a rejected second item",
        );
        checkEqual(many.details.field, "items[1].v", "details.field of putMany");
        const tx = await expectStoreError(
          () => s.transact([{ put: { pk: "p", sk: "c", v: 2 } }, { put: { pk: "p", sk: "d", v: 5 } }]),
          "VALIDATION",
          "transact with a rejected put",
        );
        checkEqual(tx.details.field, "ops[1].put.v", "details.field of transact");
        checkEqual(await s.query("p", ""), [], "nothing written by rejected calls");
        await s.put({ pk: "p", sk: "e", v: 4 });
        await s.putMany([{ pk: "p", sk: "f", v: 6 }]);
        await s.transact([{ put: { pk: "p", sk: "g", v: 8 } }]);
        checkEqual(
          await s.query("p", ""),
          ["e", "f", "g"].map((sk, i) => ({ pk: "p", sk, v: 4 + 2 * i, checked: true })),
          "the validator's output is stored",
        );
      },
    ),
  ];
}
