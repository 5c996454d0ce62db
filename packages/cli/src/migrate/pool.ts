/**
 * Lets timers, I/O and signal handlers run. A synchronous engine (better-sqlite3) resolves
 * every call at once, so a long chain of awaits would otherwise never yield to the event loop:
 * Ctrl-C would wait for the end and a progress bar would not redraw.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `fn` over `items` with at most `limit` calls in flight; rejects with the first failure. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
        await yieldToEventLoop();
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Collects every item of a paged listing. */
export async function collectPages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; cursor?: string }>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages(fetch)) all.push(...page);
  return all;
}

/** Walks a paged listing page by page. */
export async function* pages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; cursor?: string }>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    await yieldToEventLoop();
    yield page.items;
    cursor = page.cursor;
  } while (cursor !== undefined);
}
