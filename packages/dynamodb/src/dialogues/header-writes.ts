import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { UnavailableError, type StoreError } from "@blue/store-core";
import { notFound } from "@blue/store-core/engine";
import { TransactionCancelled } from "../client/executor";
import type { StoreContext } from "../context";
import type { ShardRotation } from "../table/shards";
import { headerTouch, isLive } from "./items";

/** What a child action's failed condition means: an error for the caller, or "re-read and retry". */
export type ChildFailure = (index: number) => StoreError | "retry";

const MAX_ROUNDS = 8;
const STATUS_CACHE_SIZE = 10_000;

/**
 * The status this handle last saw per dialogue: the guess a header write needs to move the
 * dialogue's `byStatus` entry without reading the header first. A wrong guess costs one
 * more request (the failed condition returns the real status).
 */
export class StatusGuess {
  private readonly seen = new Map<string, string>();

  get(id: string): string {
    return this.seen.get(id) ?? "open";
  }

  set(id: string, status: string): void {
    this.seen.delete(id);
    this.seen.set(id, status);
    if (this.seen.size > STATUS_CACHE_SIZE) this.seen.delete(this.seen.keys().next().value!);
  }
}

/**
 * Runs `children` and the dialogue header's counter/updatedAt update in one
 * TransactWriteItems. A missing (or invisible) dialogue is NOT_FOUND; a failed child condition
 * is mapped by `onChild`; a wrong updatedAt or status guess is corrected and retried. Returns
 * false when `onChild` asked for a re-read.
 */
export async function writeWithHeader(
  c: StoreContext,
  statuses: StatusGuess,
  shards: ShardRotation,
  dialogueId: string,
  at: string,
  children: TransactWriteItem[],
  deltas: { pc?: number; tc?: number; uc?: number },
  context: string,
  onChild: ChildFailure,
): Promise<boolean> {
  let mode: "forward" | "keep" = "forward";
  for (let round = 0; round < MAX_ROUNDS; round++) {
    try {
      await c.exec.transact(
        [...children, headerTouch(c.exec.table, dialogueId, at, mode, deltas, { status: statuses.get(dialogueId), shards })],
        context,
      );
      return true;
    } catch (e) {
      if (!(e instanceof TransactionCancelled)) throw e;
      const h = children.length;
      const headerFailed = e.reasonAt(h) === "ConditionalCheckFailed";
      const old = headerFailed ? e.oldItem(h) : undefined;
      if (headerFailed && !isLive(old)) {
        throw notFound("dialogue", { dialogueId });
      }
      for (let i = 0; i < h; i++) {
        if (e.reasonAt(i) !== "ConditionalCheckFailed") continue;
        const outcome = onChild(i);
        if (outcome === "retry") return false;
        throw outcome;
      }
      if (!headerFailed) throw e;
      mode = (old!.ua as string) > at ? "keep" : "forward";
      statuses.set(dialogueId, old!.ds as string);
    }
  }
  throw new UnavailableError(`${context}: the dialogue header of ${dialogueId} kept changing; gave up after ${MAX_ROUNDS} rounds`);
}
