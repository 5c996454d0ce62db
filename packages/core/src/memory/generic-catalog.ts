import { compareUtf8 } from "../encoding/utf8";
import { decodeKey } from "../encoding/key-codec";
import type { GenericItemRecord, GenericStoreCatalog } from "../enumeration/types";
import type { JsonObject } from "../types/json";
import { clockMs, isExpired } from "../model/expiry";
import type { ModelContext } from "../model/context";
import type { GenericItems } from "./generic-items";
import type { Lifecycle } from "./state";

/**
 * The memory backend's catalog: its partitions decoded back to (store, pk), sorted in UTF-8
 * order; items expired by the store's clock are left out, the others carry their expiry.
 */
export function memoryCatalog(life: Lifecycle, data: GenericItems, ctx: ModelContext): GenericStoreCatalog {
  const partitions = () =>
    [...data.partitions.entries()].filter(([, part]) => part.size > 0).map(([id, part]) => ({ key: decodeKey(id), part }));
  return {
    async storeNames() {
      life.check();
      return [...new Set(partitions().map((p) => p.key[0]!))].sort(compareUtf8);
    },
    async *items(store: string): AsyncGenerator<GenericItemRecord> {
      life.check();
      const mine = partitions()
        .filter((p) => p.key[0] === store)
        .sort((a, b) => compareUtf8(a.key[1]!, b.key[1]!));
      for (const { key, part } of mine) {
        const entries = [...part.entries()].sort((a, b) => compareUtf8(a[0], b[0]));
        for (const [sk, stored] of entries) {
          life.check();
          if (isExpired(stored.expiresAt, clockMs(ctx))) continue;
          const expiry = stored.expiresAt === undefined ? {} : { expiresAt: new Date(stored.expiresAt).toISOString() };
          yield { store, pk: key[1]!, sk, item: JSON.parse(stored.json) as JsonObject, ...expiry };
        }
      }
    },
  };
}
