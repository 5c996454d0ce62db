export { Lifecycle } from "../model/lifecycle";

/** A deep copy, so callers never share objects with the store. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
