import type { DialogueStatus, DialogueSummary, Document, Link } from "../types/entities";
import type { DialogueStore, DocumentStore, IterateOptions, IterationOptions, LinkStore, Page, Store } from "../types/stores";
import { ValidationError, isStoreError } from "../errors";
import { LIMITS } from "../validation/limits";

/**
 * Iteration over paged listings, written once for every backend: each page is read when the
 * previous one is used up, so memory stays at one page however long the listing is.
 */

/** Yields the items of every page `fetch` returns, following cursors until the last page. */
export async function* iteratePages<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    for (const item of page.items) yield item;
    cursor = page.cursor;
  } while (cursor !== undefined);
}

/**
 * The page size to ask for: `options.pageSize` unchecked (default 100). The page method checks
 * it as its `limit` — after CLOSED, as every method must — and `pages` renames the field.
 */
function pageSizeOf(options: unknown): number {
  const size = typeof options === "object" && options !== null ? (options as { pageSize?: unknown }).pageSize : undefined;
  return (size ?? LIMITS.pageDefaultLimit) as number;
}

/** `fetch`, with its `limit` errors reported as errors of `options.pageSize`. */
function pages<T>(fetch: (cursor: string | undefined) => Promise<Page<T>>): (cursor: string | undefined) => Promise<Page<T>> {
  return async (cursor) => {
    try {
      return await fetch(cursor);
    } catch (e) {
      if (isStoreError(e, "VALIDATION") && e.details.field === "limit") {
        throw new ValidationError(e.message.replace(/^limit\b/, "options.pageSize"), { details: { ...e.details, field: "options.pageSize" } });
      }
      throw e;
    }
  };
}

/** `Store.iterate` over `store.queryPage`. */
export async function* iterateStore<T extends object>(
  store: Pick<Store<T>, "queryPage">,
  pk: string,
  skPrefix: string,
  options?: IterateOptions,
): AsyncGenerator<T, void, undefined> {
  const limit = pageSizeOf(options);
  const reverse = options?.reverse === true;
  yield* iteratePages(pages((cursor) => store.queryPage(pk, skPrefix, { limit, reverse, ...(cursor !== undefined ? { cursor } : {}) })));
}

/** `DialogueStore.iterateDialogues` over `listDialoguesPage`. */
export async function* iterateDialoguePages(
  store: Pick<DialogueStore, "listDialoguesPage">,
  status?: DialogueStatus,
  options?: IterationOptions,
): AsyncGenerator<DialogueSummary, void, undefined> {
  const limit = pageSizeOf(options);
  yield* iteratePages(pages((cursor) => store.listDialoguesPage({ limit, ...(status !== undefined ? { status } : {}), ...(cursor !== undefined ? { cursor } : {}) })));
}

/** `DocumentStore.iterateDocuments` over `listDocumentsPage`. */
export async function* iterateDocumentPages(store: Pick<DocumentStore, "listDocumentsPage">, options?: IterationOptions): AsyncGenerator<Document, void, undefined> {
  const limit = pageSizeOf(options);
  yield* iteratePages(pages((cursor) => store.listDocumentsPage({ limit, ...(cursor !== undefined ? { cursor } : {}) })));
}

/** `LinkStore.iterateLinks` over `listLinksPage`. */
export async function* iterateLinkPages(store: Pick<LinkStore, "listLinksPage">, options?: IterationOptions): AsyncGenerator<Link, void, undefined> {
  const limit = pageSizeOf(options);
  yield* iteratePages(pages((cursor) => store.listLinksPage({ limit, ...(cursor !== undefined ? { cursor } : {}) })));
}
