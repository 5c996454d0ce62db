import { ClosedError } from "../errors";

/** Shared lifecycle of the memory backend's stores. */
export class Lifecycle {
  closed = false;

  /** Fails with CLOSED once the backend is closed. */
  check(): void {
    if (this.closed) throw new ClosedError();
  }
}

/** A deep copy, so callers never share objects with the store. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
