import type { DialogueStore } from "../../types/stores";
import type { NewDialogue, NewPerspective, NewTension, TensionStatus } from "../../types/entities";
import type { Page } from "../../types/stores";
import { check, ConformanceAssertionError } from "../assert";
import { isStoreError, type StoreError, type StoreErrorCode } from "../../errors";
import type { CaseContext, ConformanceCase, Requirement } from "../types";

/** Declares a case. `area` is the first part of the id and the first tag. */
export function kase(
  id: string,
  title: string,
  run: (ctx: CaseContext) => Promise<void>,
  extra: { tags?: string[]; requires?: Requirement[]; timeoutMs?: number } = {},
): ConformanceCase {
  const area = id.split(".")[0]!;
  return {
    id,
    title,
    tags: [area, ...(extra.tags ?? [])],
    run,
    ...(extra.requires ? { requires: extra.requires } : {}),
    ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
  };
}

export function newDialogue(id: string, extra: Partial<NewDialogue> = {}): NewDialogue {
  return { id, title: `Dialogue ${id}`, ...extra };
}

export function newPerspective(dialogueId: string, id: string, round = 1, extra: Partial<NewPerspective> = {}): NewPerspective {
  return { dialogueId, id, round, expert: `expert-${id}`, label: `label ${id}`, content: `content of ${id}`, ...extra };
}

export function newTension(dialogueId: string, id: string, round = 1, extra: Partial<NewTension> = {}): NewTension {
  return { dialogueId, id, round, expert: `expert-${id}`, label: `tension ${id}`, content: `content of ${id}`, ...extra };
}

/**
 * Expects `backend.store(schema)` to throw a StoreError of `code` synchronously. `store()` is
 * the contract's one synchronous method: it returns a handle, not a promise, so its failures
 * (CLOSED, then a bad schema: VALIDATION) are thrown at once rather than rejected.
 */
export function expectStoreThrows(open: () => unknown, code: StoreErrorCode, what: string): StoreError {
  let returned: unknown;
  try {
    returned = open();
  } catch (e) {
    if (!isStoreError(e))
      throw new ConformanceAssertionError(
        `${what}: store(schema) threw a raw ${e instanceof Error ? e.name : typeof e}: ${String(e)}; it must throw a ${code} StoreError`,
      );
    if (e.code !== code) throw new ConformanceAssertionError(`${what}: store(schema) threw ${e.code} (${e.message}); expected ${code}`);
    return e;
  }
  const how = returned instanceof Promise ? "returned a promise" : "returned a store";
  throw new ConformanceAssertionError(
    `${what}: store(schema) ${how}; it must throw a ${code} StoreError synchronously (store() is the one synchronous method: it returns a handle, not a promise)`,
  );
}

/** Creates a dialogue with `perspectives` perspectives and `tensions` open tensions; the clock ticks after each write. */
export async function seedDialogue(
  ctx: CaseContext,
  id: string,
  counts: { perspectives?: number; tensions?: number; store?: DialogueStore } = {},
): Promise<void> {
  const store = counts.store ?? ctx.backend.dialogues;
  await store.createDialogue(newDialogue(id));
  ctx.clock.tick();
  for (let i = 0; i < (counts.perspectives ?? 0); i++) {
    await store.registerPerspective(newPerspective(id, `p${i}`, i % 3));
    ctx.clock.tick();
  }
  for (let i = 0; i < (counts.tensions ?? 0); i++) {
    await store.registerTension(newTension(id, `t${i}`, i % 2));
    ctx.clock.tick();
  }
}

/** Moves a tension to `status` (no condition). */
export async function moveTension(store: DialogueStore, dialogueId: string, tensionId: string, status: TensionStatus): Promise<void> {
  await store.updateTensionStatus({ dialogueId, tensionId }, status, {});
}

/**
 * Reads every page of a listing. Fails when a cursor repeats, a page is over the limit, a
 * non-final page is empty, or paging does not end.
 */
export async function collectPages<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  limit: number,
  expectedTotal: number,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages > expectedTotal + 2) throw new ConformanceAssertionError(`paging with limit ${limit} did not end after ${pages} pages`);
    const page = await fetch(cursor);
    check(Array.isArray(page.items), `page.items must be an array (limit ${limit})`);
    check(page.items.length <= limit, `a page of limit ${limit} held ${page.items.length} items`);
    out.push(...page.items);
    if (page.cursor === undefined || page.cursor === null) return out;
    check(typeof page.cursor === "string" && page.cursor.length > 0, `cursor must be a non-empty string (limit ${limit})`);
    check(page.items.length > 0, `a page with a cursor held no items (limit ${limit})`);
    check(!seen.has(page.cursor), `paging with limit ${limit} returned the same cursor twice`);
    seen.add(page.cursor);
    cursor = page.cursor;
  }
}

/** Page sizes to try for n items: every size 1..n+1 when n is small, else a spread. */
export function pageSizes(n: number): number[] {
  if (n <= 12) return Array.from({ length: n + 1 }, (_, i) => i + 1);
  return [1, 2, 3, 5, 7, n - 1, n, n + 1, 1000];
}

/** A string of exactly `bytes` UTF-8 bytes (ASCII). */
export function asciiOfBytes(bytes: number, fill = "a"): string {
  return fill.repeat(bytes);
}

/** Waits for every promise and reports each outcome. */
export async function settle<T>(work: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(work);
}
