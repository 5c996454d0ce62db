/**
 * K-way merge of sharded listings. Each shard is a sorted run (one partition key, ascending
 * sort key); a page is the first `limit` items of their union in listing order. Shards are
 * read a little at a time, all at once: first about limit/K + 2 items each, then again only
 * from the shards whose last item read still sorts before the page's end (they may hold
 * items of the page), doubling what each such shard is asked for.
 */

/** One read of a shard: items in listing order, and where to resume (undefined: the shard is done). */
export interface ShardRead<T> {
  items: T[];
  resume: string | undefined;
}

/** Reads up to `n` items of `shard` after `resume` (undefined: from the listing's start). */
export type ShardReader<T> = (shard: number, resume: string | undefined, n: number) => Promise<ShardRead<T>>;

interface ShardState<T> {
  items: T[];
  resume: string | undefined;
  done: boolean;
  ask: number;
}

/**
 * The first `limit` items (or every item, when `limit` is undefined) of the merged shards,
 * and whether more follow. `sameItem` drops a later duplicate of an item (an eventually
 * consistent index may briefly show an entry under both its old and its new key).
 */
export async function mergeShards<T>(
  shards: number,
  read: ShardReader<T>,
  compare: (a: T, b: T) => number,
  limit: number | undefined,
  identity?: (item: T) => string,
): Promise<{ items: T[]; more: boolean }> {
  const first = limit === undefined ? 1000 : Math.ceil((limit + 1) / shards) + 2;
  const state: ShardState<T>[] = Array.from({ length: shards }, () => ({ items: [], resume: undefined, done: false, ask: first }));
  let pending = state.map((_, i) => i);
  for (;;) {
    await Promise.all(
      pending.map(async (i) => {
        const s = state[i]!;
        const got = await read(i, s.resume, s.ask);
        s.items.push(...got.items);
        s.resume = got.resume;
        s.done = got.resume === undefined;
        s.ask = Math.min(s.ask * 2, 1000);
      }),
    );
    const merged = dedupe(state.flatMap((s) => s.items).sort(compare), identity);
    const end = limit === undefined || merged.length <= limit ? undefined : merged[limit]!;
    // A shard that is not done may still hold items sorting before `end` (or anywhere, without an end).
    pending = state.flatMap((s, i) =>
      !s.done && (end === undefined || s.items.length === 0 || compare(s.items[s.items.length - 1]!, end) < 0) ? [i] : [],
    );
    if (pending.length === 0) {
      return limit === undefined ? { items: merged, more: false } : { items: merged.slice(0, limit), more: merged.length > limit };
    }
  }
}

function dedupe<T>(sorted: T[], identity: ((item: T) => string) | undefined): T[] {
  if (!identity) return sorted;
  const seen = new Set<string>();
  return sorted.filter((item) => {
    const id = identity(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
