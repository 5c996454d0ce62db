import { checkOptions } from "../validation/options";
import { METHOD_OPTIONS } from "./options";
import { ValidationError } from "../errors";
import { compareUtf8 } from "../encoding/utf8";
import type { Link, NewLink } from "../types/entities";
import { assertJsonSize, normalizeJsonObject } from "../validation/json";
import { assertEntityRef } from "../validation/entity-refs";
import { ID_PATTERN, assertTimestamp } from "../validation/scalars";
import type { ModelContext } from "./context";

/** A link kind follows the id pattern: `^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`. */
export function assertLinkKind(kind: unknown, field = "kind"): string {
  if (typeof kind !== "string" || !ID_PATTERN.test(kind)) {
    throw new ValidationError(`${field}: ${JSON.stringify(kind) ?? String(kind)} is not a valid link kind`, { details: { field } });
  }
  return kind;
}

/** Validates the (from, to, kind) key of a link. */
export function validateLinkKey(from: unknown, to: unknown, kind: unknown): { from: string; to: string; kind: string } {
  return { from: assertEntityRef(from, "link.from"), to: assertEntityRef(to, "link.to"), kind: assertLinkKind(kind, "link.kind") };
}

/** Validates `addLink` input and builds the link to store. */
export function buildLink(input: NewLink, ctx: ModelContext): Link {
  if (typeof input !== "object" || input === null) throw new ValidationError("link must be an object", { details: { field: "link" } });
  const key = validateLinkKey(input.from, input.to, input.kind);
  const link: Link = { ...key, createdAt: input.createdAt === undefined ? ctx.now() : assertTimestamp(input.createdAt, "link.createdAt") };
  if (input.metadata !== undefined) link.metadata = normalizeJsonObject(input.metadata, "link.metadata");
  assertJsonSize(link, "the link");
  return link;
}

/** Validates the options of linksFrom / linksTo: the `kind` filter. */
export function linkFilterKind(options: { kind?: string } | undefined, method: "linksFrom" | "linksTo" = "linksFrom"): string | undefined {
  return checkOptions(METHOD_OPTIONS[method], options).kind;
}

/** The order of `linksFrom`: (kind, to). */
export function compareLinksFrom(a: Link, b: Link): number {
  return compareUtf8(a.kind, b.kind) || compareUtf8(a.to, b.to);
}

/** The order of `linksTo`: (kind, from). */
export function compareLinksTo(a: Link, b: Link): number {
  return compareUtf8(a.kind, b.kind) || compareUtf8(a.from, b.from);
}

/** The order of links in an export: (from, to, kind). */
export function compareLinksForExport(a: Link, b: Link): number {
  return compareUtf8(a.from, b.from) || compareUtf8(a.to, b.to) || compareUtf8(a.kind, b.kind);
}
