import type { GenericItemRecord, GenericStoreCatalog } from "../../src/enumeration/types";
import { override, type BrokenBackend } from "./wrap";

const utf16 = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function all(items: AsyncIterable<GenericItemRecord>): Promise<GenericItemRecord[]> {
  const out: GenericItemRecord[] = [];
  for await (const r of items) out.push(r);
  return out;
}

/** Broken generic-store catalogs (enumeration for backup and migration). */
export const brokenEnumerationBackends: BrokenBackend[] = [
  {
    name: "catalog-utf16-order",
    breaks: "the catalog orders items by JavaScript's < (UTF-16 order), not UTF-8 byte order",
    mustFail: ["enumeration.catalog.rawKeysAndOrder", "enumeration.restore.otherKind"],
    wrap: (b) =>
      override(b, {
        catalog: (base): GenericStoreCatalog => ({
          storeNames: () => base.catalog!.storeNames(),
          async *items(store) {
            const items = await all(base.catalog!.items(store));
            yield* items.sort((x, y) => utf16(x.pk, y.pk) || utf16(x.sk, y.sk));
          },
        }),
      }),
  },
  {
    name: "catalog-first-page-only",
    breaks: "the catalog stops after the first 100 items of a store (it never follows the next page)",
    mustFail: ["enumeration.catalog.paging"],
    wrap: (b) =>
      override(b, {
        catalog: (base): GenericStoreCatalog => ({
          storeNames: () => base.catalog!.storeNames(),
          async *items(store) {
            let n = 0;
            for await (const r of base.catalog!.items(store)) {
              if (n++ >= 100) return;
              yield r;
            }
          },
        }),
      }),
  },
  {
    name: "catalog-hashed-pk",
    breaks: "the catalog yields the pk as stored in its key layout (a hash of the raw pk) instead of the raw pk",
    mustFail: [
      "enumeration.stream.everyItemOnce",
      "enumeration.catalog.rawKeysAndOrder",
      "enumeration.catalog.paging",
      "enumeration.restore.reproduces",
      "enumeration.restore.otherKind",
      "enumeration.restore.idempotent",
    ],
    alsoFails: [{ cases: ["enumeration.items.expiry"], because: "the restore goes through the broken catalog's keys" }],
    wrap: (b) =>
      override(b, {
        catalog: (base): GenericStoreCatalog => ({
          storeNames: () => base.catalog!.storeNames(),
          async *items(store) {
            for await (const r of base.catalog!.items(store))
              yield { ...r, pk: `h${Buffer.from(r.pk).toString("base64url").slice(0, 40)}` };
          },
        }),
      }),
  },
];
