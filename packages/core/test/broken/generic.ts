import { ConflictError, isStoreError } from "../../src/errors";
import { compareUtf8 } from "../../src/encoding/utf8";
import { prepareTransact } from "../../src/model/generic-batch";
import { METHOD_OPTIONS } from "../../src/model/options";
import { checkOptions } from "../../src/validation/options";
import type { JsonObject } from "../../src/types/json";
import type { ExpiryOptions, ItemKey, Store } from "../../src/types/stores";
import { override, type BrokenBackend } from "./wrap";

const id = (name: string, pk: unknown, sk: unknown) => JSON.stringify([name, pk, sk]);

/** `ttlSeconds` turned into an `expiresAt` measured from the wall clock (valid values only). */
function wallClockExpiry<O extends ExpiryOptions | undefined>(options: O): O {
  const ttl = options?.ttlSeconds;
  if (options?.expiresAt !== undefined || typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 1 || ttl > 100 * 365 * 24 * 3600)
    return options;
  const { ttlSeconds: _, ...rest } = options as ExpiryOptions;
  return { ...rest, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() } as O;
}

/** Broken generic stores for expiry, batches, transactions and iteration: each breaks one rule. */
export const brokenGenericBackends: BrokenBackend[] = [
  {
    name: "expired-item-returned",
    breaks: "get returns an item put with an expiry after it expired (the other reads filter it)",
    mustFail: ["store.expiry.ttlSeconds", "store.expiry.expiresAt"],
    alsoFails: [{ cases: ["enumeration.items.expiry"], because: "the restored item is still returned after its expiry" }],
    wrap: (b) => {
      const shadow = new Map<string, JsonObject>();
      return override(b, {
        store: (s, schema) => {
          const forget = (k: ItemKey) => shadow.delete(id(schema.name, k?.pk, k?.sk));
          return {
            put: async (item, options) => {
              await s.put(item, options);
              const k = schema.key(item);
              if (options?.ttlSeconds !== undefined || options?.expiresAt !== undefined) shadow.set(id(schema.name, k.pk, k.sk), item);
              else forget(k);
            },
            get: async (pk, sk) => (await s.get(pk, sk)) ?? shadow.get(id(schema.name, pk, sk)) ?? null,
            delete: async (pk, sk) => (forget({ pk, sk }), s.delete(pk, sk)),
            putMany: async (items, options) => (
              await s.putMany(items, options),
              items.forEach((i) => {
                forget(schema.key(i));
              })
            ),
            deleteMany: async (keys) => {
              const n = await s.deleteMany(keys);
              keys.forEach(forget);
              return n;
            },
            transact: async (ops) => {
              await s.transact(ops);
              for (const op of ops) forget("put" in op ? schema.key(op.put) : "delete" in op ? op.delete : op.check);
            },
          };
        },
      });
    },
  },
  {
    name: "get-many-sorted",
    breaks: "getMany returns its entries in key order instead of the order of the keys given",
    mustFail: ["store.getMany.order"],
    wrap: (b) =>
      override(b, {
        store: (s) => ({
          getMany: async (keys) => {
            const items = await s.getMany(keys);
            if (!Array.isArray(keys)) return items;
            const order = keys.map((k, i) => [k, i] as const).sort(([x], [y]) => compareUtf8(x.pk, y.pk) || compareUtf8(x.sk, y.sk));
            return order.map(([, i]) => items[i]!);
          },
        }),
      }),
  },
  {
    name: "transact-half-applied",
    breaks: "transact applies its operations one at a time and stops at a failing condition, keeping the earlier ones",
    mustFail: ["store.transact.allOrNothing"],
    wrap: (b, clock) =>
      override(b, {
        store: (s, schema) => ({
          transact: async (ops) => {
            await s.transact([]); // CLOSED first, as the real one
            const prepared = await prepareTransact(schema, ops, () => clock().getTime());
            for (const op of prepared) {
              const failed = () => new ConflictError("CONDITION_FAILED", `ops[${op.index}] failed`, { details: { index: op.index } });
              if (op.kind === "put") {
                const expiry = op.expiresAt === undefined ? {} : { expiresAt: new Date(op.expiresAt).toISOString() };
                await s.put(op.prepared.item, { ...expiry, ifNotExists: op.ifNotExists }).catch((e) => {
                  throw isStoreError(e, "ALREADY_EXISTS") ? failed() : e;
                });
              } else if (op.kind === "delete") {
                if (!(await s.delete(op.pk, op.sk)) && op.ifExists) throw failed();
              } else if (((await s.get(op.pk, op.sk)) !== null) !== op.exists) throw failed();
            }
          },
        }),
      }),
  },
  {
    name: "iterate-skips-page-boundary",
    breaks: "iterate drops the first item of every page after the first",
    mustFail: ["store.iterate.everyPageSize", "store.expiry.paging"],
    wrap: (b) =>
      override(b, {
        store: (s) => ({
          iterate: (pk, prefix, options) =>
            (async function* () {
              checkOptions(METHOD_OPTIONS.iterate, options); // validates as core's iterateStore does
              let cursor: string | undefined;
              let pages = 0;
              do {
                const page = await s.queryPage(pk, prefix, {
                  limit: options?.pageSize ?? 100,
                  reverse: options?.reverse === true,
                  ...(cursor ? { cursor } : {}),
                });
                yield* page.items.slice(pages++ === 0 ? 0 : 1);
                cursor = page.cursor;
              } while (cursor !== undefined);
            })() as AsyncIterable<JsonObject>,
        }),
      }),
  },
  {
    name: "ttl-from-wall-clock",
    breaks: "ttlSeconds counts from the wall clock (Date.now()) instead of the store's clock",
    mustFail: [
      "store.expiry.ttlSeconds",
      "store.expiry.conditions",
      "store.expiry.replace",
      "store.expiry.batchAndTransact",
      "store.expiry.paging",
    ],
    alsoFails: [{ cases: ["enumeration.items.expiry"], because: "the expiry it records is counted from the wall clock" }],
    wrap: (b) =>
      override(b, {
        store: (s) =>
          ({
            put: (item, options) => s.put(item, wallClockExpiry(options)),
            putMany: (items, options) => s.putMany(items, wallClockExpiry(options)),
            transact: (ops) =>
              s.transact(
                Array.isArray(ops)
                  ? ops.map((op) => (typeof op === "object" && op !== null && "put" in op ? wallClockExpiry(op) : op))
                  : ops,
              ),
          }) satisfies Partial<Store<JsonObject>>,
      }),
  },
];
