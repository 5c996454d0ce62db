import type { DialogueStatus, DialogueSummary, Document, Link } from "../types/entities";
import type { DialogueStore, DocumentStore, IterateOptions, IterationOptions, LinkStore, Page, Store } from "../types/stores";
import { isStoreError } from "../errors";
import { checkOptions, type OptionValues } from "../validation/options";
import { METHOD_OPTIONS } from "./options";
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

type Spec = (typeof METHOD_OPTIONS)["iterate" | "iterateDialogues" | "iterateDocuments" | "iterateLinks"];

/**
 * The checked options of an iterator. A bad options object must still be reported after
 * CLOSED and after the other arguments, as the page method would: so before throwing, the
 * page method is called with a page size it must refuse (`probe`), and its error wins unless
 * it is about that page size. The probe fails in validation, before any read.
 */
async function iterationOptions<S extends Spec>(
  spec: S,
  options: unknown,
  probe: (limit: number) => Promise<unknown>,
): Promise<OptionValues<S["options"]>> {
  try {
    return checkOptions(spec, options);
  } catch (problem) {
    try {
      await probe(0);
    } catch (e) {
      if (!isStoreError(e, "VALIDATION") || !String(e.details.field).endsWith("limit")) throw e;
    }
    throw problem;
  }
}

/** `Store.iterate` over `store.queryPage`. */
export async function* iterateStore<T extends object>(
  store: Pick<Store<T>, "queryPage">,
  pk: string,
  skPrefix: string,
  options?: IterateOptions,
): AsyncGenerator<T, void, undefined> {
  const opts = await iterationOptions(METHOD_OPTIONS.iterate, options, (limit) => store.queryPage(pk, skPrefix, { limit }));
  const limit = opts.pageSize ?? LIMITS.pageDefaultLimit;
  const reverse = opts.reverse ?? false;
  yield* iteratePages((cursor) => store.queryPage(pk, skPrefix, { limit, reverse, ...(cursor !== undefined ? { cursor } : {}) }));
}

/** `DialogueStore.iterateDialogues` over `listDialoguesPage`. */
export async function* iterateDialoguePages(
  store: Pick<DialogueStore, "listDialoguesPage">,
  status?: DialogueStatus,
  options?: IterationOptions,
): AsyncGenerator<DialogueSummary, void, undefined> {
  const opts = await iterationOptions(METHOD_OPTIONS.iterateDialogues, options, (limit) =>
    store.listDialoguesPage({ limit, ...(status !== undefined ? { status } : {}) }),
  );
  const limit = opts.pageSize ?? LIMITS.pageDefaultLimit;
  yield* iteratePages((cursor) =>
    store.listDialoguesPage({ limit, ...(status !== undefined ? { status } : {}), ...(cursor !== undefined ? { cursor } : {}) }),
  );
}

/** `DocumentStore.iterateDocuments` over `listDocumentsPage`. */
export async function* iterateDocumentPages(
  store: Pick<DocumentStore, "listDocumentsPage">,
  options?: IterationOptions,
): AsyncGenerator<Document, void, undefined> {
  const opts = await iterationOptions(METHOD_OPTIONS.iterateDocuments, options, (limit) => store.listDocumentsPage({ limit }));
  const limit = opts.pageSize ?? LIMITS.pageDefaultLimit;
  yield* iteratePages((cursor) => store.listDocumentsPage({ limit, ...(cursor !== undefined ? { cursor } : {}) }));
}

/** `LinkStore.iterateLinks` over `listLinksPage`. */
export async function* iterateLinkPages(
  store: Pick<LinkStore, "listLinksPage">,
  options?: IterationOptions,
): AsyncGenerator<Link, void, undefined> {
  const opts = await iterationOptions(METHOD_OPTIONS.iterateLinks, options, (limit) => store.listLinksPage({ limit }));
  const limit = opts.pageSize ?? LIMITS.pageDefaultLimit;
  yield* iteratePages((cursor) => store.listLinksPage({ limit, ...(cursor !== undefined ? { cursor } : {}) }));
}
