import { ClosedError, type ModelContext } from "@blue/store-core";
import type { Executor } from "./client/executor";

/** Shared lifecycle: once closed, every call rejects with CLOSED (checked before validation). */
export class Lifecycle {
  closed = false;
  check(): void {
    if (this.closed) throw new ClosedError();
  }
}

/** What every store of one backend shares. */
export interface StoreContext {
  exec: Executor;
  life: Lifecycle;
  model: ModelContext;
}
