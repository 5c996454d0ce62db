import { ClosedError, ItemTooLargeError, ValidationError, isStoreError } from "../../src/errors";
import { assertId } from "../../src/validation/scalars";
import { assertKeySchema } from "../../src/model/generic";
import type { JsonObject, JsonShaped } from "../../src/types/json";
import type { KeySchema, Store } from "../../src/types/stores";
import type { Link } from "../../src/types/entities";
import { METHOD_OPTIONS } from "../../src/model/options";
import { checkOptions } from "../../src/validation/options";
import { joinedKeyStore, mappedBatchMethods, override, type BrokenBackend } from "./wrap";

const utf16 = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Broken generic stores, links and lifecycles. */
export const brokenStoreBackends: BrokenBackend[] = [
  {
    name: "utf16-sort",
    breaks: "query sorts sk with JavaScript's < (UTF-16 order)",
    mustFail: ["store.query.utf8Order", "model.store"],
    alsoFails: [
      { cases: ["model.storeBatches"], because: "the batch model queries sort keys beyond the BMP too" },
      {
        cases: ["store.keys.hostile", "store.query.prefix"],
        because: "their sort keys hold characters beyond the BMP, where UTF-16 and UTF-8 order differ",
      },
    ],
    wrap: (b) =>
      override(b, {
        store: (s, schema) => ({
          query: async (pk, prefix, options) => {
            await s.query(pk, prefix, options); // validates every argument, as the contract says
            const items = await s.query(pk, prefix, { reverse: options?.reverse });
            const sorted = items.sort((x, y) => utf16(schema.key(x).sk, schema.key(y).sk) * (options?.reverse ? -1 : 1));
            return options?.limit ? sorted.slice(0, options.limit) : sorted;
          },
        }),
      }),
  },
  {
    name: "name-pk-concatenation",
    breaks: "store keys are `${name}.${pk}` in one shared table, so ('a', 'b.c') and ('a.b', 'c') collide",
    mustFail: ["store.isolation.nameKeyBoundary", "store.isolation.nameDelimiters"],
    alsoFails: [
      {
        cases: ["errors.details.alreadyExists"],
        because: "its ALREADY_EXISTS details name the joined physical key, not the caller's pk and sk",
      },
      {
        cases: ["cursors.store.forged"],
        because: "its cursors name the joined physical key, so a forged cursor for the real key is refused as foreign",
      },
      { cases: ["enumeration.items.expiry"], because: "the catalog lists the items under the joined physical keys" },
      { cases: ["store.keys.maxLength", "limits.store.pk"], because: "the name prefix pushes a maximal pk over the key limit" },
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
          <T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T> => {
            if (typeof schema?.name !== "string") return base.store(schema);
            base.store(schema);
            const full = (pk: string) => (typeof pk === "string" && pk.length > 0 ? `${schema.name}.${pk}` : pk);
            const inner = base.store<T>({
              name: "shared",
              validator: schema.validator,
              key: (item) => {
                const k = schema.key(item);
                return { pk: full(k.pk), sk: k.sk };
              },
            });
            return {
              get: (pk, sk) => inner.get(full(pk), sk),
              put: (item, options) => inner.put(item, options),
              delete: (pk, sk) => inner.delete(full(pk), sk),
              query: (pk, prefix, options) => inner.query(full(pk), prefix, options),
              queryPage: (pk, prefix, options) => inner.queryPage(full(pk), prefix, options),
              ...mappedBatchMethods(inner, (pk, sk) => ({ pk: full(pk), sk })),
            };
          },
      }),
  },
  {
    name: "unescaped-key-join",
    breaks: "items live under `${pk}#${sk}` in one partition, so a pk that prefixes another leaks into its queries",
    mustFail: ["store.keys.prefixPartitions", "store.keys.hostile", "store.keys.delimiterCollisions", "model.store"],
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
        cases: [
          "backend.close.everyMethodClosed",
          "errors.rejectedPromises",
          "store.putMany.validatesFirst",
          "model.storeBatches",
          "enumeration.items.expiry",
        ],
        because: "the joined key turns an empty pk into a valid one, so batches and iteration accept it; the catalog lists joined keys",
      },
      {
        cases: ["store.keys.maxLength", "limits.store.pk", "limits.store.sk"],
        because: "the joined sort key of a long pk and sk is over the sort-key limit",
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
            joinedKeyStore(
              base,
              schema,
              schema?.name,
              (pk, sk) => `${pk}#${sk}`,
              (pk) => {
                if (typeof pk !== "string" || pk === "") throw new ValidationError("bad key");
              },
            ),
      }),
  },
  {
    name: "item-limit-not-enforced",
    breaks: "generic items over 350 KiB are accepted",
    mustFail: ["limits.store.item"],
    wrap: (b) => {
      const big = new Map<string, JsonObject>();
      return override(b, {
        store: (s, schema) => ({
          put: async (item, options) => {
            try {
              await s.put(item, options);
            } catch (e) {
              if (!isStoreError(e, "ITEM_TOO_LARGE")) throw e;
              const k = schema.key(item);
              big.set(JSON.stringify([schema.name, k.pk, k.sk]), item);
            }
          },
          get: async (pk, sk) => big.get(JSON.stringify([schema.name, pk, sk])) ?? s.get(pk, sk),
        }),
      });
    },
  },
  {
    name: "pk-limit-not-enforced",
    breaks: "a pk over 2048 bytes is accepted (truncated)",
    mustFail: ["limits.store.pk"],
    wrap: (b) =>
      override(b, {
        store: (s, schema) => ({
          put: async (item, options) => {
            let k: { pk: string; sk: string };
            try {
              k = schema.key(item);
            } catch {
              return s.put(item, options); // rejects as the contract says
            }
            if (typeof k.pk === "string" && Buffer.byteLength(k.pk) > 2048) return s.put({ ...item, pk: k.pk.slice(0, 512) }, options);
            return s.put(item, options);
          },
        }),
      }),
  },
  {
    name: "if-not-exists-ignored",
    breaks: "put ignores ifNotExists",
    mustFail: ["store.put.overwrite", "concurrency.store.ifNotExists", "errors.details.alreadyExists"],
    alsoFails: [{ cases: ["model.storeBatches"], because: "the batch model puts with ifNotExists" }],
    // It checks the option (as core does) and then ignores it.
    wrap: (b) =>
      override(b, {
        store: (s) => ({
          put: async (item, options) => s.put(item, { ...checkOptions(METHOD_OPTIONS.put, options), ifNotExists: undefined }),
        }),
      }),
  },
  {
    name: "closed-not-raised",
    breaks: "close() does nothing; calls keep working",
    mustFail: ["backend.close.everyMethodClosed", "backend.close.store"],
    wrap: (b) => override(b, { close: () => async () => undefined }),
  },
  {
    name: "store-after-close",
    breaks: "store(schema) after close() checks the schema and returns a store (whose calls reject CLOSED) instead of throwing CLOSED",
    mustFail: ["backend.close.store"],
    wrap: (b) => {
      let closed = false;
      return override(b, {
        close: (base) => async () => {
          closed = true;
          await base.close();
        },
        storeFactory:
          (base) =>
          <T extends JsonShaped<T>>(schema: KeySchema<T>): Store<T> => {
            if (!closed) return base.store(schema);
            assertKeySchema(schema);
            const rejectClosed = async () => {
              throw new ClosedError();
            };
            return {
              get: rejectClosed,
              put: rejectClosed,
              delete: rejectClosed,
              query: rejectClosed,
              queryPage: rejectClosed,
              getMany: rejectClosed,
              putMany: rejectClosed,
              deleteMany: rejectClosed,
              transact: rejectClosed,
              iterate: () => ({ [Symbol.asyncIterator]: () => ({ next: rejectClosed }) }),
            };
          },
      });
    },
  },
  {
    name: "close-not-idempotent",
    breaks: "a second close() rejects",
    mustFail: ["backend.close.idempotent"],
    alsoFails: [
      {
        cases: ["backend.close.everyMethodClosed", "backend.close.store"],
        because: "they close the backend, and the kit closes it again after the case",
      },
    ],
    wrap: (b) => {
      let closed = false;
      return override(b, {
        close: (base) => async () => {
          if (closed) throw new ClosedError("already closed");
          closed = true;
          await base.close();
        },
      });
    },
  },
  {
    name: "sync-throw",
    breaks: "createDialogue validates synchronously and throws instead of rejecting",
    mustFail: ["errors.rejectedPromises", "validation.ids.dialogue"],
    alsoFails: [{ cases: ["backend.close.everyMethodClosed"], because: "a bad id throws before the closed check can reject" }],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          createDialogue: ((x: { id?: unknown }) => {
            if (x && typeof x === "object" && x.id !== undefined) assertId(x.id, "dialogue.id");
            return d.createDialogue(x as never);
          }) as never,
        }),
      }),
  },
  {
    name: "link-replace-resets-created-at",
    breaks: "adding an existing link again resets its createdAt",
    mustFail: ["links.addLink.replaceKeepsCreatedAt"],
    wrap: (b) =>
      override(b, {
        links: (l) => ({
          addLink: async (link) => {
            if (link && typeof link === "object") await l.removeLink(link.from, link.to, link.kind).catch(() => false);
            return l.addLink(link);
          },
        }),
      }),
  },
  {
    name: "links-by-to-then-kind",
    breaks: "linksFrom orders by (to, kind) instead of (kind, to)",
    mustFail: ["links.linksFrom.order"],
    wrap: (b) =>
      override(b, {
        links: (l) => ({
          linksFrom: async (from, options) =>
            (await l.linksFrom(from, options)).sort((x: Link, y: Link) => utf16(x.to, y.to) || utf16(x.kind, y.kind)),
        }),
      }),
  },
  {
    name: "cursor-not-validated",
    breaks: "listLinksPage treats a bad cursor as the start of the listing",
    mustFail: ["links.listLinksPage.badCursor", "cursors.links.forged"],
    wrap: (b) =>
      override(b, {
        links: (l) => ({
          listLinksPage: async (q) => {
            try {
              return await l.listLinksPage(q);
            } catch (e) {
              if (isStoreError(e, "VALIDATION") && typeof q?.cursor === "string") return l.listLinksPage({ ...q, cursor: undefined });
              throw e;
            }
          },
        }),
      }),
  },
  {
    name: "link-limit-not-enforced",
    breaks: "links over 350 KiB are accepted without their metadata",
    mustFail: ["limits.link"],
    wrap: (b) =>
      override(b, {
        links: (l) => ({
          addLink: async (link) => {
            try {
              await l.addLink(link);
            } catch (e) {
              if (!(e instanceof ItemTooLargeError)) throw e;
              await l.addLink({ ...link, metadata: {} });
            }
          },
        }),
      }),
  },
];
