import { LIMITS } from "@blue/store-core";
import { documentIdsExhausted } from "@blue/store-core/engine";
import { isConditionFailed, marshallItem, type Executor } from "../client/executor";
import { idLeaseKey } from "../table/keys";

/** The first block of ids a handle leases; each further block doubles, up to LAST_BLOCK. */
export const FIRST_BLOCK = 64;
export const LAST_BLOCK = 1024;

/**
 * Document ids without a hot counter: each handle leases blocks of ids from the counter item
 * "DOCIDS" (one conditional UpdateItem per block: `ADD c :size`) and hands them out in order,
 * so ids increase within a handle and are unique across handles. Blocks start at 64 ids and
 * double up to 1,024, so a short-lived handle wastes few ids and a busy one writes the counter
 * once per 1,024 documents. `raise(id)` (importDocument) keeps this handle's later ids above an
 * imported id; `raiseCounter` keeps every later block above it. When the counter is below the
 * imported id, it moves to the next multiple of 1,024 at or above the id, and the ids in
 * between become this handle's block: a migration importing ascending ids writes the counter
 * once per 1,024 documents, and the importing handle's next id is the imported id + 1 (what
 * memory and SQLite give).
 */
export class IdLease {
  private next = 1;
  private end = 0;
  private floor = 0;
  /** The last id handed out (ids of one handle only increase, whatever block they come from). */
  private given = 0;
  /** A value the counter is known to have reached (it only grows): imports at or below it need no write. */
  private known = 0;
  private size = FIRST_BLOCK;
  private leasing: Promise<void> | undefined;

  constructor(private readonly exec: Executor) {}

  /** The next id of this handle (leasing a block when the current one is used up). */
  async take(): Promise<number> {
    for (;;) {
      if (this.floor >= LIMITS.documentIdMax) throw documentIdsExhausted(this.floor);
      if (this.next <= this.floor) this.next = this.floor + 1;
      if (this.next <= this.end) return (this.given = this.next++);
      await (this.leasing ??= this.lease().finally(() => (this.leasing = undefined)));
    }
  }

  /** Later ids of this handle are above `id`. */
  raise(id: number): void {
    this.floor = Math.max(this.floor, id);
  }

  /** Every block leased from now on starts above `id`. */
  async raiseCounter(id: number, context: string): Promise<void> {
    if (id <= this.known) return;
    const target = Math.min(LIMITS.documentIdMax, Math.ceil(id / LAST_BLOCK) * LAST_BLOCK);
    try {
      await this.exec.update(idLeaseKey, context, {
        UpdateExpression: "SET c = :t",
        ConditionExpression: "attribute_not_exists(c) OR c < :id",
        ExpressionAttributeValues: marshallItem({ ":t": target, ":id": id }),
      });
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      this.known = Math.max(this.known, id); // the counter is at or above the id already
      return;
    }
    // No block held any id in (id, target]: they are this handle's now.
    if (target > id) this.use(id + 1, target);
    this.known = Math.max(this.known, target);
  }

  private async lease(): Promise<void> {
    const max = LIMITS.documentIdMax;
    for (;;) {
      try {
        const out = await this.exec.update(idLeaseKey, "addDocument", {
          UpdateExpression: "ADD c :size",
          ConditionExpression: "attribute_not_exists(c) OR c <= :room",
          ExpressionAttributeValues: marshallItem({ ":size": this.size, ":room": max - this.size }),
          ReturnValues: "UPDATED_NEW",
        });
        const c = out!.c as number;
        this.use(c - this.size + 1, c);
        this.size = Math.min(LAST_BLOCK, this.size * 2);
        return;
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
      // Fewer than `size` ids are left below LIMITS.documentIdMax: take the rest, or fail.
      const c = ((await this.exec.get(idLeaseKey, "addDocument"))?.c as number | undefined) ?? 0;
      if (c >= max) throw documentIdsExhausted(c);
      try {
        await this.exec.update(idLeaseKey, "addDocument", {
          UpdateExpression: "SET c = :max",
          ConditionExpression: "c = :read",
          ExpressionAttributeValues: marshallItem({ ":max": max, ":read": c }),
        });
        this.use(c + 1, max);
        return;
      } catch (e) {
        if (!isConditionFailed(e)) throw e;
      }
    }
  }

  private use(first: number, last: number): void {
    this.next = Math.max(first, this.floor + 1, this.given + 1);
    this.end = last;
    this.known = Math.max(this.known, last);
    if (this.next > this.end && this.end >= LIMITS.documentIdMax) throw documentIdsExhausted(this.end);
  }
}
