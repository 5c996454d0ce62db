import type { JsonObject } from "@blue/store-core";
import {
  clockMs,
  compareUtf8,
  decodeKey,
  type GenericItemRecord,
  type GenericStoreCatalog,
  type ModelContext,
} from "@blue/store-core/engine";
import type { FileEngine } from "./file-engine";

/**
 * The catalog of the file's generic stores (for backup and migration): partitions are keyed
 * `encodeKey([name, pk])`, so decoding the key gives back the store name and the raw pk. Items
 * expired by the store's clock are left out; the others carry their expiry.
 */
export function fileCatalog(engine: FileEngine, ctx: ModelContext): GenericStoreCatalog {
  const partitions = () =>
    engine.read((s) => Object.entries(s.items).map(([id, part]) => ({ key: decodeKey(id), entries: Object.entries(part) })));
  return {
    async storeNames() {
      engine.checkOpen();
      return [...new Set((await partitions()).map((p) => p.key[0]!))].sort(compareUtf8);
    },
    async *items(store: string): AsyncGenerator<GenericItemRecord> {
      engine.checkOpen();
      const mine = (await partitions()).filter((p) => p.key[0] === store).sort((a, b) => compareUtf8(a.key[1]!, b.key[1]!));
      for (const { key, entries } of mine) {
        for (const [sk, stored] of entries.sort((a, b) => compareUtf8(a[0], b[0]))) {
          if (stored.x !== undefined && stored.x <= clockMs(ctx)) continue;
          yield {
            store,
            pk: key[1]!,
            sk,
            item: JSON.parse(stored.j) as JsonObject,
            ...(stored.x === undefined ? {} : { expiresAt: new Date(stored.x).toISOString() }),
          };
        }
      }
    },
  };
}
