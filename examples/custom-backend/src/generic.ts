import {
  ConflictError, assertInteger, assertItemKey, assertOptions, assertQueryKey, compareUtf8, decodeStoreCursor, encodeKey,
  encodeStoreCursor, pageLimit, pageOf, prepareItem, LIMITS,
  type JsonObject, type KeySchema, type Page, type PageRequest, type QueryOptions, type Store,
} from "@blue/store-core";
import type { FileEngine } from "./file-engine";
import type { State } from "./state";

/**
 * A generic store on the file engine. Partitions are keyed by core's `encodeKey([name, pk])`,
 * which escapes delimiters, so no name or key can reach another store's or partition's items.
 */
export class FileStore<T extends JsonObject> implements Store<T> {
  constructor(private readonly engine: FileEngine, private readonly schema: KeySchema<T>) {}

  private partitionId(pk: string): string {
    return encodeKey([this.schema.name, pk]);
  }

  private sorted(s: State, pk: string, prefix: string, reverse: boolean): [string, string][] {
    const entries = Object.entries(s.items[this.partitionId(pk)] ?? {}).filter(([sk]) => sk.startsWith(prefix));
    entries.sort((a, b) => compareUtf8(a[0], b[0]));
    return reverse ? entries.reverse() : entries;
  }

  async get(pk: string, sk: string): Promise<T | null> {
    this.engine.checkOpen();
    const key = assertItemKey(pk, sk);
    return this.engine.read((s) => {
      const json = s.items[this.partitionId(key.pk)]?.[key.sk];
      return json === undefined ? null : (JSON.parse(json) as T);
    });
  }

  async put(item: T, options?: { ifNotExists?: boolean }): Promise<void> {
    this.engine.checkOpen();
    const opts = assertOptions(options);
    const prepared = prepareItem(this.schema, item);
    return this.engine.write((s) => {
      const part = (s.items[this.partitionId(prepared.pk)] ??= {});
      if (opts.ifNotExists === true && part[prepared.sk] !== undefined) {
        throw new ConflictError("ALREADY_EXISTS", `an item with this key already exists in store ${this.schema.name}`);
      }
      part[prepared.sk] = prepared.json;
    });
  }

  async delete(pk: string, sk: string): Promise<boolean> {
    this.engine.checkOpen();
    const key = assertItemKey(pk, sk);
    return this.engine.write((s) => {
      const id = this.partitionId(key.pk);
      const part = s.items[id];
      if (!part || part[key.sk] === undefined) return false;
      delete part[key.sk];
      if (Object.keys(part).length === 0) delete s.items[id];
      return true;
    });
  }

  async query(pk: string, skPrefix: string, options?: QueryOptions): Promise<T[]> {
    this.engine.checkOpen();
    const key = assertQueryKey(pk, skPrefix);
    const opts = assertOptions(options);
    const limit = opts.limit === undefined ? Infinity : assertInteger(opts.limit, "limit", 1, LIMITS.pageMaxLimit);
    return this.engine.read((s) => this.sorted(s, key.pk, key.skPrefix, opts.reverse === true).slice(0, limit).map(([, json]) => JSON.parse(json) as T));
  }

  async queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>> {
    this.engine.checkOpen();
    const key = assertQueryKey(pk, skPrefix);
    const opts = assertOptions(options);
    const reverse = opts.reverse === true;
    const limit = pageLimit(opts.limit);
    const after = decodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, opts.cursor as string | undefined);
    return this.engine.read((s) => {
      const page = pageOf(
        this.sorted(s, key.pk, key.skPrefix, reverse),
        limit,
        after,
        ([sk], last) => (reverse ? compareUtf8(sk, last) < 0 : compareUtf8(sk, last) > 0),
        ([sk]) => encodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, sk),
      );
      return { items: page.items.map(([, json]) => JSON.parse(json) as T), ...(page.cursor ? { cursor: page.cursor } : {}) };
    });
  }
}
