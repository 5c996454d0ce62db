import { iterateLinkPages } from "../model/iterate";
import type { EntityRef, Link, NewLink } from "../types/entities";
import type { LinkStore, Page, PageRequest } from "../types/stores";
import type { ModelContext } from "../model/context";
import { buildLink, compareLinksForExport, compareLinksFrom, compareLinksTo, linkFilterKind, validateLinkKey } from "../model/links";
import { decodeLinkCursor, encodeLinkCursor, pageOf } from "../model/paging";
import { compareUtf8Tuples } from "../encoding/utf8";
import { pageLimit } from "../validation/scalars";
import { checkOptions } from "../validation/options";
import { METHOD_OPTIONS } from "../model/options";
import { encodeKey } from "../encoding/key-codec";
import { assertEntityRef, isWithinRef } from "../validation/entity-refs";
import { clone, type Lifecycle } from "./state";

const keyOf = (l: { from: string; to: string; kind: string }) => encodeKey([l.from, l.to, l.kind]);

/** The memory backend's link store. */
export class MemoryLinkStore implements LinkStore {
  private readonly links = new Map<string, Link>();

  constructor(
    private readonly life: Lifecycle,
    private readonly ctx: ModelContext,
  ) {}

  async addLink(input: NewLink): Promise<void> {
    this.life.check();
    const link = buildLink(input, this.ctx);
    const existing = this.links.get(keyOf(link));
    if (existing) link.createdAt = existing.createdAt;
    this.links.set(keyOf(link), link);
  }

  async removeLink(from: EntityRef, to: EntityRef, kind: string): Promise<boolean> {
    this.life.check();
    return this.links.delete(keyOf(validateLinkKey(from, to, kind)));
  }

  async linksFrom(from: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    this.life.check();
    assertEntityRef(from, "from");
    const kind = linkFilterKind(options);
    const out = [...this.links.values()].filter((l) => l.from === from && (kind === undefined || l.kind === kind));
    return clone(out.sort(compareLinksFrom));
  }

  async linksTo(to: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    this.life.check();
    assertEntityRef(to, "to");
    const kind = linkFilterKind(options, "linksTo");
    const out = [...this.links.values()].filter((l) => l.to === to && (kind === undefined || l.kind === kind));
    return clone(out.sort(compareLinksTo));
  }

  async listLinksPage(q: PageRequest): Promise<Page<Link>> {
    this.life.check();
    const query = checkOptions(METHOD_OPTIONS.listLinksPage, q);
    const limit = pageLimit(query.limit);
    const after = decodeLinkCursor(query.cursor);
    const sorted = [...this.links.values()].sort(compareLinksForExport);
    const page = pageOf(sorted, limit, after, (l, pos) => compareUtf8Tuples([l.from, l.to, l.kind], pos) > 0, encodeLinkCursor);
    return clone(page);
  }

  /** Stores a validated link as it is (import). */
  put(link: Link): void {
    this.links.set(keyOf(link), clone(link));
  }

  /** Links with either end inside `root` (copies). */
  within(root: string): Link[] {
    return clone([...this.links.values()].filter((l) => isWithinRef(l.from, root) || isWithinRef(l.to, root)));
  }

  /** Removes every link with either end inside `root`. */
  removeWithin(root: string): void {
    for (const [k, l] of this.links) if (isWithinRef(l.from, root) || isWithinRef(l.to, root)) this.links.delete(k);
  }

  /** Every link by (from, to, kind), a page at a time (core's `iterateLinkPages`). */
  iterateLinks(...args: Parameters<LinkStore["iterateLinks"]>): ReturnType<LinkStore["iterateLinks"]> {
    return iterateLinkPages(this, ...args);
  }
}
