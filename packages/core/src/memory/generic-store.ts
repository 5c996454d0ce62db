import { ConflictError } from "../errors";
import type { JsonObject } from "../types/json";
import type { KeySchema, Page, PageRequest, QueryOptions, Store } from "../types/stores";
import { assertItemKey, assertQueryKey, prepareItem } from "../model/generic";
import { decodeStoreCursor, encodeStoreCursor, pageOf } from "../model/paging";
import { compareUtf8 } from "../encoding/utf8";
import { encodeKey } from "../encoding/key-codec";
import { assertInteger, assertOptions, pageLimit } from "../validation/scalars";
import { LIMITS } from "../validation/limits";
import type { Lifecycle } from "./state";

/** Partitions of every generic store: (schema name, pk) -> sk -> item JSON. */
export type GenericData = Map<string, Map<string, string>>;

/** A memory generic store over the backend's shared partitions. */
export class MemoryStore<T extends JsonObject> implements Store<T> {
  constructor(
    private readonly life: Lifecycle,
    private readonly data: GenericData,
    private readonly schema: KeySchema<T>,
  ) {}

  private partition(pk: string): Map<string, string> | undefined {
    return this.data.get(encodeKey([this.schema.name, pk]));
  }

  async get(pk: string, sk: string): Promise<T | null> {
    this.life.check();
    const key = assertItemKey(pk, sk);
    const json = this.partition(key.pk)?.get(key.sk);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async put(item: T, options?: { ifNotExists?: boolean }): Promise<void> {
    this.life.check();
    const opts = assertOptions(options);
    const prepared = prepareItem(this.schema, item);
    const id = encodeKey([this.schema.name, prepared.pk]);
    let part = this.data.get(id);
    if (opts.ifNotExists === true && part?.has(prepared.sk)) {
      throw new ConflictError("ALREADY_EXISTS", `an item with this key already exists in store ${this.schema.name}`);
    }
    if (!part) this.data.set(id, (part = new Map()));
    part.set(prepared.sk, prepared.json);
  }

  async delete(pk: string, sk: string): Promise<boolean> {
    this.life.check();
    const key = assertItemKey(pk, sk);
    const id = encodeKey([this.schema.name, key.pk]);
    const part = this.data.get(id);
    const removed = part?.delete(key.sk) ?? false;
    if (part && part.size === 0) this.data.delete(id);
    return removed;
  }

  private sorted(pk: string, skPrefix: string, reverse: boolean): [string, string][] {
    const entries = [...(this.partition(pk) ?? new Map<string, string>()).entries()].filter(([sk]) => sk.startsWith(skPrefix));
    entries.sort((a, b) => compareUtf8(a[0], b[0]));
    return reverse ? entries.reverse() : entries;
  }

  async query(pk: string, skPrefix: string, options?: QueryOptions): Promise<T[]> {
    this.life.check();
    const key = assertQueryKey(pk, skPrefix);
    const opts = assertOptions(options);
    const limit = opts.limit === undefined ? Infinity : assertInteger(opts.limit, "limit", 1, LIMITS.pageMaxLimit);
    return this.sorted(key.pk, key.skPrefix, opts.reverse === true)
      .slice(0, limit)
      .map(([, json]) => JSON.parse(json) as T);
  }

  async queryPage(pk: string, skPrefix: string, options: PageRequest & { reverse?: boolean }): Promise<Page<T>> {
    this.life.check();
    const key = assertQueryKey(pk, skPrefix);
    const opts = assertOptions(options);
    const reverse = opts.reverse === true;
    const limit = pageLimit(opts.limit);
    const after = decodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, opts.cursor as string | undefined);
    const page = pageOf(
      this.sorted(key.pk, key.skPrefix, reverse),
      limit,
      after,
      ([sk], last) => (reverse ? compareUtf8(sk, last) < 0 : compareUtf8(sk, last) > 0),
      ([sk]) => encodeStoreCursor(this.schema.name, key.pk, key.skPrefix, reverse, sk),
    );
    return { items: page.items.map(([, json]) => JSON.parse(json) as T), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }
}
