import { EXPIRY_SWEEP_BATCH } from "../model/expiry";

/** One stored generic item: its JSON and its expiry (ms since the epoch; none when absent). */
export interface StoredItem {
  json: string;
  expiresAt?: number;
}

interface Expiring {
  at: number;
  partition: string;
  sk: string;
}

/**
 * Every generic item of a memory backend: partitions (schema name, pk) -> sk -> item, and an
 * index of expiries (a min-heap) that writes use to remove a bounded number of expired items.
 * Reads never depend on the removal: they filter by the clock.
 */
export class GenericItems {
  readonly partitions = new Map<string, Map<string, StoredItem>>();
  private heap: Expiring[] = [];
  /** Heap size after the last compaction: entries of overwritten items are dropped when it doubles. */
  private compacted = 0;

  set(partition: string, sk: string, item: StoredItem): void {
    let part = this.partitions.get(partition);
    if (!part) this.partitions.set(partition, (part = new Map()));
    part.set(sk, item);
    if (item.expiresAt !== undefined) this.push({ at: item.expiresAt, partition, sk });
  }

  remove(partition: string, sk: string): void {
    const part = this.partitions.get(partition);
    if (!part) return;
    part.delete(sk);
    if (part.size === 0) this.partitions.delete(partition);
  }

  /** Removes up to EXPIRY_SWEEP_BATCH items expired at `now`; an index entry whose item changed is dropped. */
  sweep(now: number): void {
    for (let removed = 0; removed < EXPIRY_SWEEP_BATCH && this.heap.length > 0 && this.heap[0]!.at <= now; ) {
      const top = this.pop();
      if (this.live(top)) {
        this.remove(top.partition, top.sk);
        removed++;
      }
    }
  }

  /** How many items are held, expired or not (tests of the sweep). */
  get size(): number {
    let n = 0;
    for (const part of this.partitions.values()) n += part.size;
    return n;
  }

  private live(e: Expiring): boolean {
    return this.partitions.get(e.partition)?.get(e.sk)?.expiresAt === e.at;
  }

  private push(e: Expiring): void {
    if (this.heap.length > 2 * this.compacted + 1024) {
      // A sorted array is a valid min-heap.
      this.heap = this.heap.filter((x) => this.live(x)).sort((a, b) => a.at - b.at);
      this.compacted = this.heap.length;
    }
    const h = this.heap;
    h.push(e);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.at <= h[i]!.at) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private pop(): Expiring {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.at < h[m]!.at) m = l;
        if (r < h.length && h[r]!.at < h[m]!.at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}
