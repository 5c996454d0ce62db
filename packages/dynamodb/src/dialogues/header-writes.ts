import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { NotFoundError, UnavailableError, type StoreError } from "@blue/store-core";
import { TransactionCancelled, type Executor } from "../client/executor";
import { headerTouch, isLive } from "./items";

/** What a child action's failed condition means: an error for the caller, or "re-read and retry". */
export type ChildFailure = (index: number) => StoreError | "retry";

const MAX_ROUNDS = 8;

/**
 * Runs `children` and the dialogue header's counter/updatedAt update in one
 * TransactWriteItems. A missing (or invisible) dialogue is NOT_FOUND; a failed child condition
 * is mapped by `onChild`; a wrong updatedAt guess is corrected and retried. Returns false
 * when `onChild` asked for a re-read.
 */
export async function writeWithHeader(
  exec: Executor,
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
      await exec.transact([...children, headerTouch(exec.table, dialogueId, at, mode, deltas)], context);
      return true;
    } catch (e) {
      if (!(e instanceof TransactionCancelled)) throw e;
      const h = children.length;
      const headerFailed = e.reasonAt(h) === "ConditionalCheckFailed";
      const old = headerFailed ? e.oldItem(h) : undefined;
      if (headerFailed && !isLive(old)) {
        throw new NotFoundError(`dialogue ${dialogueId} not found`, { details: { dialogueId } });
      }
      for (let i = 0; i < h; i++) {
        if (e.reasonAt(i) !== "ConditionalCheckFailed") continue;
        const outcome = onChild(i);
        if (outcome === "retry") return false;
        throw outcome;
      }
      if (!headerFailed) throw e;
      mode = (old!.ua as string) > at ? "keep" : "forward";
    }
  }
  throw new UnavailableError(`${context}: the dialogue header of ${dialogueId} kept changing; gave up after ${MAX_ROUNDS} rounds`);
}
