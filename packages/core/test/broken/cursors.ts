import { decodeCursor } from "../../src/encoding/cursor";
import { isStoreError } from "../../src/errors";
import { override, type BrokenBackend } from "./wrap";

/** True when `cursor` passes the checksum of `scope` (whatever position it holds). */
function checksumHolds(scope: string, cursor: unknown): boolean {
  try {
    decodeCursor(scope, cursor);
    return true;
  } catch {
    return false;
  }
}

/** Backends that trust a cursor's position once its checksum holds (issue 15, item 8). */
export const brokenCursorBackends: BrokenBackend[] = [
  {
    name: "forged-dialogue-cursor-restarts",
    breaks: "a dialogue cursor with a valid checksum but an impossible position returns the first page instead of VALIDATION",
    mustFail: ["cursors.dialogues.forged"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          listDialoguesPage: async (q) => {
            try {
              return await d.listDialoguesPage(q);
            } catch (e) {
              if (!isStoreError(e, "VALIDATION") || !checksumHolds(`dialogues:${q?.status ?? "*"}`, q?.cursor)) throw e;
              const { cursor: _forged, ...rest } = q;
              return d.listDialoguesPage(rest);
            }
          },
        }),
      }),
  },
  {
    name: "forged-store-cursor-restarts",
    breaks: "a generic-store cursor with a valid checksum but a sort key outside the query returns the first page instead of VALIDATION",
    mustFail: ["cursors.store.forged"],
    wrap: (b) =>
      override(b, {
        store: (s, schema) => ({
          queryPage: async (pk, prefix, options) => {
            try {
              return await s.queryPage(pk, prefix, options);
            } catch (e) {
              const scope = `store:${JSON.stringify([schema.name, pk, prefix, options?.reverse === true])}`;
              if (!isStoreError(e, "VALIDATION") || !checksumHolds(scope, options?.cursor)) throw e;
              const { cursor: _forged, ...rest } = options;
              return s.queryPage(pk, prefix, rest);
            }
          },
        }),
      }),
  },
];
