import { closed } from "../errors/factories";

/** The open/closed state a backend's stores share: once closed, every call fails with CLOSED. */
export class Lifecycle {
  closed = false;

  /** Fails with CLOSED once the backend is closed (call it first, before validation). */
  check(): void {
    if (this.closed) throw closed();
  }
}
