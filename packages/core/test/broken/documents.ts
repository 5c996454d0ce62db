import { isStoreError, ValidationError } from "../../src/errors";
import { readClock } from "../../src/model/context";
import { queryTokens } from "../../src/search/tokenizer";
import type { Document } from "../../src/types/entities";
import { LIMITS } from "../../src/validation/limits";
import { allDocuments, allLinks, override, type BrokenBackend } from "./wrap";

const rawTokens = (s: string): string[] => s.match(/[\p{L}\p{N}]+/gu) ?? [];
/** The core tokenizer's tokens without its lower-casing (NFKD, marks removed). */
const caseKeptTokens = (s: string): string[] => rawTokens(s.normalize("NFKD").replace(/\p{M}/gu, ""));
const text = (d: Document) => `${d.title} ${d.body}`;

/** Broken document stores and searches. */
export const brokenDocumentBackends: BrokenBackend[] = [
  {
    name: "off-by-one-page",
    breaks: "listDocumentsPage skips the first item after a cursor",
    mustFail: ["documents.listDocumentsPage.everyPageSize", "model.documents"],
    alsoFails: [
      { cases: ["cursors.documents.forged"], because: "it pages after a real position too" },
      { cases: ["model.mixed"], because: "it pages through documents too" },
    ],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          listDocumentsPage: async (q) => {
            const page = await d.listDocumentsPage(q);
            return q?.cursor ? { ...page, items: page.items.slice(1) } : page;
          },
        }),
      }),
  },
  {
    name: "case-sensitive-search",
    breaks: "search matches tokens case-sensitively",
    mustFail: ["search.tokens.caseInsensitive", "model.documents"],
    alsoFails: [
      {
        cases: ["search.syntax.or", "search.syntax.and", "search.syntax.not", "search.syntax.near", "search.syntax.sqlQuote"],
        because: "their queries hold OR, AND, NOT and NEAR in upper case, which lower-case text does not contain",
      },
      {
        cases: ["search.tokens.diacritics", "search.tokens.compatibility", "search.tokens.unicodeLetters"],
        because: "their texts and queries differ in case as well",
      },
    ],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          search: async (q, limit) =>
            (await d.search(q, limit)).filter((doc) => caseKeptTokens(q).every((t) => caseKeptTokens(text(doc)).includes(t))),
        }),
      }),
  },
  {
    name: "no-nfkd",
    breaks: "search lower-cases but neither NFKD-normalises nor removes diacritics",
    mustFail: ["search.tokens.diacritics", "search.tokens.compatibility"],
    alsoFails: [
      {
        cases: ["search.tokens.caseInsensitive", "model.documents"],
        because: "their words carry accents (lower-casing alone does not fold them)",
      },
    ],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          search: async (q, limit) =>
            (await d.search(q, limit)).filter((doc) =>
              rawTokens(q.toLowerCase()).every((t) => rawTokens(text(doc).toLowerCase()).includes(t)),
            ),
        }),
      }),
  },
  {
    name: "leaked-raw-error",
    breaks: "getDocument lets a raw TypeError through for bad ids",
    mustFail: ["documents.getDocument.invalidId", "errors.rejectedPromises"],
    wrap: (b) => {
      let closed = false;
      return override(b, {
        documents: (d) => ({
          getDocument: async (id) => {
            if (!closed && (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1))
              throw new TypeError(`Cannot read properties of undefined (reading '${String(id)}')`);
            return d.getDocument(id);
          },
        }),
        close: (base) => () => ((closed = true), base.close()),
      });
    },
  },
  {
    name: "reuses-document-ids",
    breaks: "addDocument takes max(id) + 1, so a deleted last id comes back",
    mustFail: ["documents.addDocument.idsNeverReused"],
    alsoFails: [{ cases: ["documents.addDocument.concurrentIds"], because: "concurrent adds read the same max(id)" }],
    wrap: (b, clock) =>
      override(b, {
        documents: (d) => ({
          addDocument: async (doc) => {
            if (typeof doc !== "object" || doc === null) return d.addDocument(doc);
            const id = (await allDocuments(d)).reduce((m, x) => Math.max(m, x.id), 0) + 1;
            const createdAt = doc.createdAt ?? readClock(clock).iso;
            await d.importDocument({ ...doc, id, createdAt, updatedAt: createdAt } as Document);
            return id;
          },
        }),
      }),
  },
  {
    name: "delete-document-keeps-links",
    breaks: "deleteDocument leaves links to and from the document",
    mustFail: ["links.deleteDocument.cascade", "model.links"],
    alsoFails: [{ cases: ["links.deleteDocument.prefixSafe", "model.mixed"], because: "they delete documents that have links" }],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          deleteDocument: async (id) => {
            const keep = (await allLinks(b.links)).filter((l) => l.from.startsWith(`document:${id}`) || l.to.startsWith(`document:${id}`));
            const removed = await d.deleteDocument(id);
            for (const l of keep) await b.links.addLink(l);
            return removed;
          },
        }),
      }),
  },
  {
    name: "id-order-ranking",
    breaks: "search returns matches by id, not by BM25 score",
    mustFail: ["search.ranking.bm25", "search.ranking.lengthNormalization"],
    alsoFails: [
      {
        cases: [
          "search.syntax.quote",
          "search.syntax.minus",
          "search.syntax.caret",
          "search.syntax.parens",
          "search.ranking.updates",
          "model.documents",
        ],
        because: "they expect several hits in BM25 order",
      },
    ],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          search: async (q, limit) => {
            await d.search(q, limit); // validates the query and the limit
            return (await d.search(q, 1000)).sort((x, y) => x.id - y.id).slice(0, limit ?? 10);
          },
        }),
      }),
  },
  {
    name: "any-token-matches",
    breaks: "search matches documents holding any query token (OR semantics)",
    mustFail: ["search.matching.everyToken", "model.documents"],
    alsoFails: [
      {
        cases: [
          "search.tokens.diacritics",
          "search.syntax.or",
          "search.syntax.and",
          "search.syntax.not",
          "search.syntax.near",
          "search.syntax.quotes",
          "search.syntax.column",
          "search.syntax.plus",
          "search.syntax.braces",
          "search.syntax.sqlQuote",
          "search.ranking.bm25",
          "search.ranking.updates",
          "model.mixed",
          "search.limits.queryTokens",
        ],
        because: "their queries hold several tokens, and documents holding only some of them now match",
      },
    ],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          search: async (q, limit) => {
            // The documents holding every token keep their BM25 order; those holding only some follow.
            const hits = new Map<number, Document>((await d.search(q, limit)).map((doc) => [doc.id, doc]));
            for (const t of rawTokens(q)) for (const doc of await d.search(t, 1000)) if (!hits.has(doc.id)) hits.set(doc.id, doc);
            return [...hits.values()].slice(0, limit ?? 10);
          },
        }),
      }),
  },
  {
    name: "fts-syntax",
    breaks: "OR in a query is treated as FTS syntax",
    mustFail: ["search.syntax.or", "model.documents"],
    alsoFails: [{ cases: ["search.syntax.sqlQuote"], because: "its query holds ' OR '" }],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          search: async (q, limit) => {
            if (typeof q !== "string" || !q.includes(" OR ")) return d.search(q, limit);
            const hits = new Map<number, Document>();
            for (const part of q.split(" OR ")) for (const doc of await d.search(part, 1000)) hits.set(doc.id, doc);
            return [...hits.values()].slice(0, limit ?? 10);
          },
        }),
      }),
  },
  {
    name: "query-limit-unchecked",
    breaks: "search accepts queries over 4096 bytes",
    mustFail: ["search.query.validation"],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          search: (q, limit) => d.search(typeof q === "string" && Buffer.byteLength(q) > 4096 ? q.slice(0, 1000) : q, limit),
        }),
      }),
  },
  {
    name: "query-tokens-unchecked",
    breaks: "search accepts a query of more than 32 distinct tokens and searches its first 32",
    mustFail: ["search.limits.queryTokens"],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          search: (q, limit) => {
            const over =
              typeof q === "string" &&
              Buffer.byteLength(q) <= LIMITS.searchQueryMaxBytes &&
              queryTokens(q).length > LIMITS.searchQueryMaxTokens;
            return d.search(over ? queryTokens(q).slice(0, LIMITS.searchQueryMaxTokens).join(" ") : q, limit);
          },
        }),
      }),
  },
  {
    name: "over-token-limit-unindexed",
    breaks: "a document of more than 8192 distinct tokens is stored, but not indexed, instead of VALIDATION",
    mustFail: ["documents.limits.indexedTokens"],
    wrap: (b) => {
      // The text of each document stored unindexed: the memory backend holds it with an empty title and body.
      const texts = new Map<number, { title: string; body: string }>();
      const overLimit = (e: unknown) => isStoreError(e, "VALIDATION") && e.details.limit === LIMITS.documentMaxTokens;
      const withText = <T extends Document | null>(doc: T): T => (doc && texts.has(doc.id) ? { ...doc, ...texts.get(doc.id) } : doc);
      return override(b, {
        documents: (d) => ({
          addDocument: async (doc) => {
            try {
              return await d.addDocument(doc);
            } catch (e) {
              if (!overLimit(e)) throw e;
              const id = await d.addDocument({ ...doc, title: "", body: "" });
              texts.set(id, { title: doc.title, body: doc.body });
              return id;
            }
          },
          updateDocument: async (id, patch) => {
            try {
              const doc = await d.updateDocument(id, patch);
              if (patch.title !== undefined || patch.body !== undefined) texts.delete(id);
              return withText(doc);
            } catch (e) {
              if (!overLimit(e)) throw e;
              const current = withText(await d.getDocument(id))!;
              const text = { title: patch.title ?? current.title, body: patch.body ?? current.body };
              const doc = await d.updateDocument(id, { ...patch, title: "", body: "" });
              texts.set(id, text);
              return withText(doc);
            }
          },
          importDocument: async (doc, options) => {
            try {
              await d.importDocument(doc, options);
            } catch (e) {
              if (!overLimit(e)) throw e;
              await d.importDocument({ ...doc, title: "", body: "" }, options);
              texts.set(doc.id, { title: doc.title, body: doc.body });
            }
          },
          deleteDocument: async (id) => (texts.delete(id), d.deleteDocument(id)),
          getDocument: async (id) => withText(await d.getDocument(id)),
          listDocumentsPage: async (q) => {
            const page = await d.listDocumentsPage(q);
            return { ...page, items: page.items.map(withText) };
          },
        }),
      });
    },
  },
  {
    name: "import-document-skip-fails",
    breaks: "importDocument onConflict skip raises ALREADY_EXISTS",
    mustFail: ["documents.importDocument.conflict"],
    alsoFails: [{ cases: ["model.documents"], because: "the model imports over existing ids with skip" }],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          importDocument: (doc, options) => d.importDocument(doc, options?.onConflict === "skip" ? { onConflict: "fail" } : options),
        }),
      }),
  },
  {
    name: "update-missing-is-validation",
    breaks: "updateDocument of a missing document reports VALIDATION instead of NOT_FOUND",
    mustFail: ["documents.updateDocument.notFound", "errors.notFoundCodes", "errors.details.notFound"],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          updateDocument: async (id, patch) => {
            if (typeof id === "number" && Number.isSafeInteger(id) && id > 0 && (await d.getDocument(id)) === null)
              throw new ValidationError(`no document ${id}`);
            return d.updateDocument(id, patch);
          },
        }),
      }),
  },
  {
    name: "document-id-overflow",
    breaks: "addDocument past the last id (2^53 − 1) silently overwrites the document holding it (issue 15 item 5)",
    mustFail: ["documents.addDocument.idsExhausted"],
    wrap: (b, clock) =>
      override(b, {
        documents: (d) => ({
          addDocument: async (doc) => {
            try {
              return await d.addDocument(doc);
            } catch (e) {
              if (!isStoreError(e, "VALIDATION") || e.details.field !== "id") throw e;
              const id = Number.MAX_SAFE_INTEGER;
              const createdAt = doc.createdAt ?? clock().toISOString();
              await d.importDocument({ ...doc, id, createdAt, updatedAt: createdAt } as Document, { onConflict: "replace" });
              return id;
            }
          },
        }),
      }),
  },
  {
    name: "document-id-range-unchecked",
    breaks: "importDocument reports success for ids above 2^53 − 1 and stores nothing",
    mustFail: ["documents.importDocument.idRange"],
    wrap: (b) =>
      override(b, {
        documents: (d) => ({
          importDocument: async (doc, options) => {
            if (typeof doc === "object" && doc !== null && typeof doc.id === "number" && doc.id > Number.MAX_SAFE_INTEGER) return;
            return d.importDocument(doc, options);
          },
        }),
      }),
  },
];
