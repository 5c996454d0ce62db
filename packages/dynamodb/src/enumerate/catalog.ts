import type { JsonObject } from "@blue/store-core";
import { clockMs, compareUtf8, decodeKey, encodeKey, type GenericItemRecord, type GenericStoreCatalog } from "@blue/store-core/engine";
import { marshallItem } from "../client/executor";
import type { StoreContext } from "../context";
import { EXPIRES_MS } from "../generic/expiry";
import { genericPk } from "../table/keys";
import { scanPrefix } from "./scan";

/** Items per Query while reading one partition. */
const PAGE = 100;

/** The pk prefix of every generic item, or of one store's items. */
const prefixOf = (store?: string) => (store === undefined ? `${encodeKey(["G", ""])}` : `${encodeKey(["G", store, ""])}`);

/**
 * The DynamoDB generic-store catalog. Generic items live in partitions ("G", store,
 * sha256(pk)) that no index lists, so the catalog finds them with a parallel Scan projected to
 * (pk, rpk) — for backup and migration only — then reads each partition with strongly
 * consistent Queries in sk order. Memory: the distinct raw pks of one store, never its items.
 */
export function dynamoCatalog(c: StoreContext): GenericStoreCatalog {
  return {
    async storeNames() {
      c.life.check();
      const names = new Set<string>();
      await scanPrefix(c.exec, prefixOf(), ["pk"], (item) => names.add(decodeKey(item.pk as string)[1]!));
      return [...names].sort(compareUtf8);
    },
    async *items(store: string): AsyncGenerator<GenericItemRecord> {
      c.life.check();
      const pks = new Set<string>();
      await scanPrefix(c.exec, prefixOf(store), ["pk", "rpk"], (item) => {
        if (decodeKey(item.pk as string)[1] === store) pks.add(item.rpk as string);
      });
      for (const pk of [...pks].sort(compareUtf8)) {
        const partition = genericPk(store, pk);
        let after: string | undefined;
        for (;;) {
          c.life.check();
          const { items, more } = await c.exec.query(
            {
              KeyConditionExpression: "pk = :pk",
              ExpressionAttributeValues: marshallItem({ ":pk": partition }),
              ConsistentRead: true,
              Limit: PAGE,
              ...(after !== undefined ? { ExclusiveStartKey: marshallItem({ pk: partition, sk: after }) } : {}),
            },
            "catalog.items",
            (got) => got.length >= PAGE,
          );
          const now = clockMs(c.model);
          for (const i of items) {
            if (i.rpk !== pk) continue;
            const at = i[EXPIRES_MS] as number | undefined;
            if (at !== undefined && at <= now) continue; // expired by the store's clock, not yet removed by TTL
            yield {
              store,
              pk,
              sk: i.sk as string,
              item: JSON.parse(i.j as string) as JsonObject,
              ...(at === undefined ? {} : { expiresAt: new Date(at).toISOString() }),
            };
          }
          if (!more || items.length === 0) break;
          after = items[items.length - 1]!.sk as string;
        }
      }
    },
  };
}
