import { METHOD_OPTIONS, checkOptions } from "@blue/store-core/engine";
import {
  iterateLinkPages,
  assertEntityRef,
  buildLink,
  decodeLinkCursor,
  encodeLinkCursor,
  linkFilterKind,
  pageLimit,
  validateLinkKey,
} from "@blue/store-core/engine";
import type { Statement } from "better-sqlite3";
import type { EntityRef, Link, LinkStore, NewLink, Page, PageRequest } from "@blue/store-core";
import type { SqliteConnection } from "../database/connection";

interface LinkRow {
  from_ref: string;
  to_ref: string;
  kind: string;
  created_at: string;
  metadata: string | null;
}

const COLUMNS = "from_ref, to_ref, kind, created_at, metadata";

function toLink(r: LinkRow): Link {
  const link: Link = { from: r.from_ref, to: r.to_ref, kind: r.kind, createdAt: r.created_at };
  if (r.metadata !== null) link.metadata = JSON.parse(r.metadata);
  return link;
}

/** `[root, root + "/", root + "0")`: the address itself and the byte range of every address inside it. */
function within(root: string): Inside {
  return { root, lo: `${root}/`, hi: `${root}0` };
}

type Inside = { root: string; lo: string; hi: string };

/** Links in the `links` table, keyed (from, to, kind); `links_by_to` serves `linksTo`. */
export class SqliteLinkStore implements LinkStore {
  private readonly upsert: Statement<[string, string, string, string, string | null]>;
  private readonly replace: Statement<[string, string, string, string, string | null]>;
  private readonly remove: Statement<[string, string, string]>;
  private readonly from: Statement<[string], LinkRow>;
  private readonly fromKind: Statement<[string, string], LinkRow>;
  private readonly to: Statement<[string], LinkRow>;
  private readonly toKind: Statement<[string, string], LinkRow>;
  private readonly first: Statement<[number], LinkRow>;
  private readonly after: Statement<[string, string, string, number], LinkRow>;
  private readonly inside: Statement<[Inside], LinkRow>;
  private readonly removeInside: Statement<[Inside]>;

  constructor(private readonly sql: SqliteConnection) {
    const db = sql.db;
    const insert = `INSERT INTO links (${COLUMNS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT (from_ref, to_ref, kind) DO UPDATE SET metadata = excluded.metadata`;
    this.upsert = db.prepare(insert);
    this.replace = db.prepare(`INSERT OR REPLACE INTO links (${COLUMNS}) VALUES (?, ?, ?, ?, ?)`);
    this.remove = db.prepare("DELETE FROM links WHERE from_ref = ? AND to_ref = ? AND kind = ?");
    this.from = db.prepare(`SELECT ${COLUMNS} FROM links WHERE from_ref = ? ORDER BY kind, to_ref`);
    this.fromKind = db.prepare(`SELECT ${COLUMNS} FROM links WHERE from_ref = ? AND kind = ? ORDER BY to_ref`);
    this.to = db.prepare(`SELECT ${COLUMNS} FROM links WHERE to_ref = ? ORDER BY kind, from_ref`);
    this.toKind = db.prepare(`SELECT ${COLUMNS} FROM links WHERE to_ref = ? AND kind = ? ORDER BY from_ref`);
    this.first = db.prepare(`SELECT ${COLUMNS} FROM links ORDER BY from_ref, to_ref, kind LIMIT ?`);
    this.after = db.prepare(
      `SELECT ${COLUMNS} FROM links WHERE (from_ref, to_ref, kind) > (?, ?, ?) ORDER BY from_ref, to_ref, kind LIMIT ?`,
    );
    const fromInside = "(from_ref = @root OR (from_ref >= @lo AND from_ref < @hi))";
    const toInside = "(to_ref = @root OR (to_ref >= @lo AND to_ref < @hi))";
    this.inside = db.prepare(
      `SELECT ${COLUMNS} FROM links WHERE ${fromInside} UNION SELECT ${COLUMNS} FROM links WHERE ${toInside} ORDER BY from_ref, to_ref, kind`,
    );
    this.removeInside = db.prepare(`DELETE FROM links WHERE ${fromInside} OR ${toInside}`);
  }

  async addLink(input: NewLink): Promise<void> {
    return this.sql.run("addLink", () => {
      const l = buildLink(input, this.sql.ctx);
      this.upsert.run(l.from, l.to, l.kind, l.createdAt, l.metadata === undefined ? null : JSON.stringify(l.metadata));
    });
  }

  async removeLink(from: EntityRef, to: EntityRef, kind: string): Promise<boolean> {
    return this.sql.run("removeLink", () => {
      const k = validateLinkKey(from, to, kind);
      return this.remove.run(k.from, k.to, k.kind).changes > 0;
    });
  }

  async linksFrom(from: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    return this.sql.run("linksFrom", () => {
      assertEntityRef(from, "from");
      const kind = linkFilterKind(options);
      return (kind === undefined ? this.from.all(from) : this.fromKind.all(from, kind)).map(toLink);
    });
  }

  async linksTo(to: EntityRef, options?: { kind?: string }): Promise<Link[]> {
    return this.sql.run("linksTo", () => {
      assertEntityRef(to, "to");
      const kind = linkFilterKind(options, "linksTo");
      return (kind === undefined ? this.to.all(to) : this.toKind.all(to, kind)).map(toLink);
    });
  }

  async listLinksPage(q: PageRequest): Promise<Page<Link>> {
    return this.sql.run("listLinksPage", () => {
      const query = checkOptions(METHOD_OPTIONS.listLinksPage, q);
      const limit = pageLimit(query.limit);
      const after = decodeLinkCursor(query.cursor);
      const rows = after === undefined ? this.first.all(limit + 1) : this.after.all(...after, limit + 1);
      const items = rows.slice(0, limit).map(toLink);
      return rows.length > limit ? { items, cursor: encodeLinkCursor(items[items.length - 1]!) } : { items };
    });
  }

  /** Links with either end at or inside `root`, by (from, to, kind). Call inside a transaction. */
  within(root: string): Link[] {
    return this.inside.all(within(root)).map(toLink);
  }

  /** Removes every link with either end at or inside `root`. Call inside a transaction. */
  removeWithin(root: string): void {
    this.removeInside.run(within(root));
  }

  /** Stores a validated link as it is (import). Call inside a transaction. */
  put(l: Link): void {
    this.replace.run(l.from, l.to, l.kind, l.createdAt, l.metadata === undefined ? null : JSON.stringify(l.metadata));
  }

  /** Every link by (from, to, kind), a page at a time (core's `iterateLinkPages`). */
  iterateLinks(...args: Parameters<LinkStore["iterateLinks"]>): ReturnType<LinkStore["iterateLinks"]> {
    return iterateLinkPages(this, ...args);
  }
}
