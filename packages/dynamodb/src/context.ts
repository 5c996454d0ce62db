import type { Lifecycle, ModelContext } from "@blue/store-core/engine";
import type { Executor } from "./client/executor";

/** What every store of one backend shares. */
export interface StoreContext {
  exec: Executor;
  life: Lifecycle;
  model: ModelContext;
  /** The table's shard count (recorded in its layout item). */
  shards: number;
  /** A search completes index changes pending for longer than this (ms): writers that crashed or failed after their commit. */
  indexRepairAfterMs: number;
}
