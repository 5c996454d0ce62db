import type { StorageBackend } from "../types/stores";
import type { AnyConformanceHarness, ConformanceHarness, LegacyConformanceHarness } from "./types";

/** Marks harnesses adapted from the legacy shape that have no `reopen` (their cases that reopen skip with that reason). */
export const NO_REOPEN = Symbol("blue.conformance.noReopen");

export function isLegacyHarness(h: AnyConformanceHarness): h is LegacyConformanceHarness {
  return (
    typeof (h as Partial<ConformanceHarness>).open !== "function" && typeof (h as Partial<LegacyConformanceHarness>).create === "function"
  );
}

/**
 * A `ConformanceHarness` over the legacy `create`/`reopen`/`destroy(backend)` shape: the adapter
 * keeps the last backend opened per namespace (the side table the old shape needed) so that
 * `open({ fresh: false })` can call `reopen(backend)` and `destroy({ namespace })` can call
 * `destroy(backend)`. A harness already in the new shape is returned as is.
 */
export function fromLegacyHarness(h: AnyConformanceHarness): ConformanceHarness & { [NO_REOPEN]?: true } {
  if (!isLegacyHarness(h)) return h;
  const last = new Map<string, StorageBackend>();
  const { create, reopen, destroy, ...rest } = h;
  return {
    ...rest,
    ...(reopen ? {} : { [NO_REOPEN]: true as const }),
    async open({ namespace, clock, fresh }) {
      const previous = last.get(namespace);
      let backend: StorageBackend;
      if (fresh || !previous) backend = await create.call(h, { namespace, clock });
      else if (reopen) backend = await reopen.call(h, previous);
      else throw new Error("the harness has no reopen()");
      last.set(namespace, backend);
      return backend;
    },
    async destroy({ namespace }) {
      const backend = last.get(namespace);
      last.delete(namespace);
      if (backend && destroy) await destroy.call(h, backend);
    },
  };
}
