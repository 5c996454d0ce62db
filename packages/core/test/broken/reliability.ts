import { isStoreError, UnavailableError } from "../../src/errors";
import { LIMITS } from "../../src/validation/limits";
import type { TensionId } from "../../src/types/entities";
import type { DialogueStore, DocumentStore, StorageBackend } from "../../src/types/stores";
import { DIALOGUE_METHODS, DOCUMENT_METHODS, LINK_METHODS, override, type BrokenBackend } from "./wrap";

type AnyFn = (...args: unknown[]) => Promise<unknown>;

/** Every method of `part` named in `names`, with its rejections passed through `map`. */
function mapRejections<T extends object>(part: T, names: readonly string[], map: (e: unknown) => unknown): Partial<T> {
  const out: Record<string, AnyFn> = {};
  for (const n of names) {
    const fn = (part as unknown as Record<string, AnyFn>)[n]!;
    out[n] = async (...args) => {
      try {
        return await fn.apply(part, args);
      } catch (e) {
        throw map(e);
      }
    };
  }
  return out as Partial<T>;
}

/** The raw error a backend without the clock check lets escape (what `Date#toISOString` throws). */
const rawClockError = (e: unknown) =>
  isStoreError(e, "CONFIG") && e.details?.field === "clock" ? new RangeError("Invalid time value") : e;

/**
 * Calls of one item beyond `capacity` at once fail UNAVAILABLE, as optimistic writers do that
 * give up after a few re-reads without backing off.
 */
function givesUpUnderContention(b: StorageBackend, capacity: number): StorageBackend {
  const inFlight = new Map<string, number>();
  const limited =
    (key: (first: never) => string, fn: AnyFn): AnyFn =>
    async (...args) => {
      const k = key(args[0] as never);
      const n = (inFlight.get(k) ?? 0) + 1;
      inFlight.set(k, n);
      try {
        if (n > capacity) throw new UnavailableError(`${k} kept changing under concurrent writers; try again`);
        return await fn(...args);
      } finally {
        inFlight.set(k, inFlight.get(k)! - 1);
      }
    };
  const fn = (part: object, name: string) => (part as Record<string, AnyFn>)[name]!.bind(part);
  return override(b, {
    dialogues: (d) =>
      ({
        updateTensionStatus: limited((id: TensionId) => `tension ${id?.dialogueId}/${id?.tensionId}`, fn(d, "updateTensionStatus")),
        updateDialogue: limited((id: string) => `dialogue ${id}`, fn(d, "updateDialogue")),
        registerPerspective: limited((p: { dialogueId: string }) => `dialogue ${p?.dialogueId}`, fn(d, "registerPerspective")),
        registerTension: limited((t: { dialogueId: string }) => `dialogue ${t?.dialogueId}`, fn(d, "registerTension")),
      }) as Partial<DialogueStore>,
    documents: (d) => ({ updateDocument: limited((id: number) => `document ${id}`, fn(d, "updateDocument")) }) as Partial<DocumentStore>,
  });
}

/** Broken backends of issue 15: item limits with room to grow, contention, the clock. */
export const brokenReliabilityBackends: BrokenBackend[] = [
  {
    name: "no-status-room",
    breaks: "registerTension admits an open tension with no room to grow to the longest status (it claims success)",
    mustFail: ["limits.tension.statusRoom"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          registerTension: async (t) => {
            try {
              return await d.registerTension(t);
            } catch (e) {
              const raw = () => Buffer.byteLength(JSON.stringify({ ...t, status: t.status ?? "open", updatedAt: t.createdAt }));
              if (isStoreError(e, "ITEM_TOO_LARGE") && raw() <= LIMITS.itemMaxBytes) return;
              throw e;
            }
          },
        }),
      }),
  },
  {
    name: "gives-up-under-contention",
    breaks: "writes of one item fail UNAVAILABLE beyond 8 concurrent writers (re-reads without backoff)",
    mustFail: ["concurrency.contention.statusChanges", "concurrency.contention.updates", "concurrency.contention.registrations"],
    wrap: (b) => givesUpUnderContention(b, 8),
  },
  {
    name: "raw-clock-error",
    breaks: "a bad clock reading escapes as a raw RangeError instead of CONFIG",
    mustFail: ["clock.invalidDate", "clock.outOfRange"],
    wrap: (b) =>
      override(b, {
        // The promise-returning methods (iterators delegate to them, so their readings are mapped too).
        dialogues: (d) =>
          mapRejections(
            d,
            DIALOGUE_METHODS.filter((m) => !m.startsWith("iterate")),
            rawClockError,
          ),
        documents: (d) =>
          mapRejections(
            d,
            DOCUMENT_METHODS.filter((m) => !m.startsWith("iterate")),
            rawClockError,
          ),
        links: (l) =>
          mapRejections(
            l,
            LINK_METHODS.filter((m) => !m.startsWith("iterate")),
            rawClockError,
          ),
      }),
  },
];
