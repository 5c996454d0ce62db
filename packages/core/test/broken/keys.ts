import type { JsonObject, JsonShaped } from "../../src/types/json";
import type { KeySchema, Store } from "../../src/types/stores";
import { joinedKeyStore, override, type BrokenBackend } from "./wrap";

/** Broken key layouts and object sharing in the generic store. */
export const brokenKeyBackends: BrokenBackend[] = [
  {
    name: "pipe-joined-keys",
    breaks: "every item lives under the internal key `S|${name}|${pk}|${sk}` (delimiter not escaped)",
    mustFail: ["store.keys.delimiterCollisions"],
    alsoFails: [
      {
        cases: ["errors.details.alreadyExists"],
        because: "its ALREADY_EXISTS details name the joined physical key, not the caller's pk and sk",
      },
      {
        cases: ["cursors.store.forged"],
        because: "its cursors name the joined physical key, so a forged cursor for the real key is refused as foreign",
      },
      {
        cases: ["errors.rejectedPromises", "store.putMany.validatesFirst", "enumeration.items.expiry"],
        because: "the joined key turns an empty pk into a valid one, so putMany accepts it; the catalog lists joined keys",
      },
      {
        cases: ["store.keys.maxLength", "limits.store.pk", "limits.store.sk"],
        because: "the joined key of a long pk and sk is over the sort-key limit",
      },
      {
        cases: [
          "enumeration.stream.everyItemOnce",
          "enumeration.catalog.rawKeysAndOrder",
          "enumeration.catalog.paging",
          "enumeration.restore.reproduces",
          "enumeration.restore.otherKind",
          "enumeration.restore.idempotent",
        ],
        because: "the catalog lists the items under the joined physical keys",
      },
    ],
    wrap: (b) =>
      override(b, {
        storeFactory:
          (base) =>
          <T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T> =>
            joinedKeyStore(base, schema, "joined", (pk, sk) => `S|${schema.name}|${pk}|${sk}`),
      }),
  },
  {
    name: "aliasing-store",
    breaks: "get returns the very object put was given (no copy on the way in or out)",
    mustFail: ["aliasing.store"],
    alsoFails: [
      {
        cases: ["store.expiry.conditions"],
        because: "get answers with the object of the last put it saw, missing a transact put over an expired item",
      },
      { cases: ["store.put.roundtrip"], because: "handing back the input also skips the JSON round trip (undefined and -0 kept)" },
    ],
    wrap: (b) =>
      override(b, {
        store: (s, schema) => {
          const given = new Map<string, JsonObject>();
          const id = (pk: string, sk: string) => JSON.stringify([pk, sk]);
          return {
            put: async (item, options) => {
              await s.put(item, options);
              const k = schema.key(item);
              given.set(id(k.pk, k.sk), item);
            },
            get: async (pk, sk) => {
              const stored = await s.get(pk, sk);
              return stored && (given.get(id(pk, sk)) ?? stored);
            },
            delete: async (pk, sk) => {
              given.delete(id(pk, sk));
              return s.delete(pk, sk);
            },
          };
        },
      }),
  },
];
