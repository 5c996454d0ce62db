import { override, type BrokenBackend } from "./wrap";

const BOOLEANS = new Set(["ifNotExists", "reverse"]);
const NUMBERS = new Set(["limit", "pageSize", "ttlSeconds"]);
const ENUMS = new Set(["status", "ifStatus", "onConflict"]);
const OTHERS = new Set(["cursor", "expiresAt", "kind"]);

/**
 * What a hand-written option parser often does: coerce what it knows ("yes" -> true, "5" -> 5,
 * "OPEN" -> "open"), drop what it does not know, and treat a non-object as no options. Values
 * it cannot make sense of are passed on, so the memory backend still rejects them.
 */
function lax(options: unknown): never {
  if (typeof options !== "object" || options === null || Array.isArray(options)) return undefined as never;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (BOOLEANS.has(name)) out[name] = Boolean(value);
    else if (NUMBERS.has(name)) out[name] = Number(value);
    else if (ENUMS.has(name)) out[name] = typeof value === "string" ? value.toLowerCase() : value;
    else if (OTHERS.has(name)) out[name] = value;
  }
  return out as never;
}

/** A backend whose option parsing is lax. */
export const brokenOptionBackends: BrokenBackend[] = [
  {
    name: "lax-option-parser",
    breaks: 'options are coerced (reverse: "yes" is true, limit: "5" is 5), unknown options and non-object options are ignored',
    mustFail: [
      "validation.options.store",
      "validation.options.dialogues",
      "validation.options.documents",
      "validation.options.links",
      "dialogues.listDialoguesPage.badLimit",
      "store.expiry.validation",
    ],
    wrap: (b) =>
      override(b, {
        store: (s) => ({
          put: (item, o) => s.put(item, lax(o)),
          putMany: (items, o) => s.putMany(items, lax(o)),
          query: (pk, prefix, o) => s.query(pk, prefix, lax(o)),
          queryPage: (pk, prefix, o) => s.queryPage(pk, prefix, lax(o) ?? {}),
          iterate: (pk, prefix, o) => s.iterate(pk, prefix, lax(o)),
        }),
        dialogues: (d) => ({
          updateTensionStatus: (id, status, event, o) => d.updateTensionStatus(id, status, event, lax(o)),
          importDialogue: (e, o) => d.importDialogue(e, lax(o)),
          listDialoguesPage: (q) => d.listDialoguesPage(lax(q) ?? {}),
          iterateDialogues: (status, o) => d.iterateDialogues(status, lax(o)),
        }),
        documents: (docs) => ({
          importDocument: (doc, o) => docs.importDocument(doc, lax(o)),
          listDocumentsPage: (q) => docs.listDocumentsPage(lax(q) ?? {}),
          iterateDocuments: (o) => docs.iterateDocuments(lax(o)),
          search: (query, limit) => docs.search(query, limit === undefined ? undefined : Number(limit)),
        }),
        links: (l) => ({
          linksFrom: (from, o) => l.linksFrom(from, lax(o)),
          linksTo: (to, o) => l.linksTo(to, lax(o)),
          listLinksPage: (q) => l.listLinksPage(lax(q) ?? {}),
          iterateLinks: (o) => l.iterateLinks(lax(o)),
        }),
      }),
  },
];
