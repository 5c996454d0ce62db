import { compareUtf8 } from "../encoding/utf8";
import { decodeKey } from "../encoding/key-codec";
import type { GenericItemRecord, GenericStoreCatalog } from "../enumeration/types";
import type { JsonObject } from "../types/json";
import type { GenericData } from "./generic-store";
import type { Lifecycle } from "./state";

/** The memory backend's catalog: its partitions decoded back to (store, pk), sorted in UTF-8 order. */
export function memoryCatalog(life: Lifecycle, data: GenericData): GenericStoreCatalog {
  const partitions = () => [...data.entries()].filter(([, part]) => part.size > 0).map(([id, part]) => ({ key: decodeKey(id), part }));
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
        for (const [sk, json] of entries) {
          life.check();
          yield { store, pk: key[1]!, sk, item: JSON.parse(json) as JsonObject };
        }
      }
    },
  };
}
