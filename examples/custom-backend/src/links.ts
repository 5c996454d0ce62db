import {
  METHOD_OPTIONS,
  checkOptions,
  iterateLinkPages,
  assertEntityRef,
  buildLink,
  compareLinksForExport,
  compareLinksFrom,
  compareLinksTo,
  compareUtf8Tuples,
  decodeLinkCursor,
  encodeKey,
  encodeLinkCursor,
  isWithinRef,
  linkFilterKind,
  pageLimit,
  pageOf,
  validateLinkKey,
  type ModelContext,
} from "@blue/store-core/engine";
import type { EntityRef, Link, LinkStore, NewLink, Page, PageRequest } from "@blue/store-core";
import type { FileEngine } from "./file-engine";
import { copy, type State } from "./state";

const keyOf = (l: { from: string; to: string; kind: string }) => encodeKey([l.from, l.to, l.kind]);

/** Stores a validated link as it is. */
export function putLink(s: State, link: Link): void {
  s.links[keyOf(link)] = link;
}

/** Copies of the links with either end inside `root`. */
export function linksWithin(s: State, root: string): Link[] {
  return copy(Object.values(s.links).filter((l) => isWithinRef(l.from, root) || isWithinRef(l.to, root)));
}

/** Removes the links with either end inside `root` (cascading deletes). */
export function removeLinksWithin(s: State, root: string): void {
  for (const [k, l] of Object.entries(s.links)) if (isWithinRef(l.from, root) || isWithinRef(l.to, root)) delete s.links[k];
}

/** Links on the file engine. */
export class FileLinkStore implements LinkStore {
  constructor(
    private readonly engine: FileEngine,
    private readonly ctx: ModelContext,
  ) {}

  async addLink(input: NewLink): Promise<void> {
    this.engine.checkOpen();
    const link = buildLink(input, this.ctx);
    return this.engine.write((s) => {
      const existing = s.links[keyOf(link)];
      if (existing) link.createdAt = existing.createdAt;
      putLink(s, link);
    });
  }

  async removeLink(from: EntityRef, to: EntityRef, kind: string): Promise<boolean> {
    this.engine.checkOpen();
    const key = keyOf(validateLinkKey(from, to, kind));
    return this.engine.write((s) => {
      if (!s.links[key]) return false;
      delete s.links[key];
      return true;
    });
  }

  async linksFrom(from: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    this.engine.checkOpen();
    assertEntityRef(from, "from");
    const kind = linkFilterKind(options);
    return this.engine.read((s) =>
      copy(
        Object.values(s.links)
          .filter((l) => l.from === from && (kind === undefined || l.kind === kind))
          .sort(compareLinksFrom),
      ),
    );
  }

  async linksTo(to: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    this.engine.checkOpen();
    assertEntityRef(to, "to");
    const kind = linkFilterKind(options, "linksTo");
    return this.engine.read((s) =>
      copy(
        Object.values(s.links)
          .filter((l) => l.to === to && (kind === undefined || l.kind === kind))
          .sort(compareLinksTo),
      ),
    );
  }

  async listLinksPage(q: PageRequest): Promise<Page<Link>> {
    this.engine.checkOpen();
    const query = checkOptions(METHOD_OPTIONS.listLinksPage, q);
    const limit = pageLimit(query.limit);
    const after = decodeLinkCursor(query.cursor);
    return this.engine.read((s) => {
      const sorted = Object.values(s.links).sort(compareLinksForExport);
      return copy(pageOf(sorted, limit, after, (l, pos) => compareUtf8Tuples([l.from, l.to, l.kind], pos) > 0, encodeLinkCursor));
    });
  }

  /** Every link by (from, to, kind), a page at a time (core's `iterateLinkPages`). */
  iterateLinks(...args: Parameters<LinkStore["iterateLinks"]>): ReturnType<LinkStore["iterateLinks"]> {
    return iterateLinkPages(this, ...args);
  }
}
