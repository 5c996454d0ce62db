import type { Document } from "../../types/entities";
import { check, checkEqual, expectOk, expectStoreError } from "../assert";
import { KIT_EPOCH } from "../clock";
import type { ConformanceCase } from "../types";
import { collectPages, kase, pageSizes } from "./helpers";

const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);

/** Documents: fields, ids, updates, deletes, paging, importDocument. */
export function documentCases(): ConformanceCase[] {
  return [
    kase("documents.addDocument.roundtrip", "every field of a document comes back as written", async ({ backend }) => {
      const metadata = { tags: ["a", "b"], score: 0.5, nested: { ok: true, none: null } };
      const id = await backend.documents.addDocument({
        title: "Tïtle 😀",
        body: "line1\nline2\u0000end",
        kind: "note",
        path: "docs/a b/%2F#x.md",
        metadata,
        createdAt: "2025-02-03T04:05:06.789Z",
      });
      check(Number.isSafeInteger(id) && id > 0, `addDocument returned ${JSON.stringify(id)}, not a positive integer`);
      checkEqual(
        await backend.documents.getDocument(id),
        {
          id,
          title: "Tïtle 😀",
          body: "line1\nline2\u0000end",
          kind: "note",
          path: "docs/a b/%2F#x.md",
          metadata,
          createdAt: "2025-02-03T04:05:06.789Z",
          updatedAt: "2025-02-03T04:05:06.789Z",
        },
        "getDocument",
      );
    }),
    kase(
      "documents.addDocument.defaults",
      "timestamps default to the clock; optional fields stay absent; empty title and body are fine",
      async ({ backend }) => {
        const id = await backend.documents.addDocument({ title: "", body: "" });
        checkEqual(
          await backend.documents.getDocument(id),
          { id, title: "", body: "", createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH },
          "getDocument",
        );
      },
    ),
    kase("documents.addDocument.idsIncrease", "ids are positive and increase in creation order", async ({ backend }) => {
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) ids.push(await backend.documents.addDocument({ title: `t${i}`, body: "" }));
      check(
        ids.every((id) => Number.isSafeInteger(id) && id > 0),
        `ids must be positive integers: ${ids.join(", ")}`,
      );
      check(increasing(ids), `ids must increase in creation order: ${ids.join(", ")}`);
    }),
    kase("documents.addDocument.idsNeverReused", "ids are never reused after a delete, not even the last one", async ({ backend }) => {
      const a = await backend.documents.addDocument({ title: "a", body: "" });
      const b = await backend.documents.addDocument({ title: "b", body: "" });
      await backend.documents.deleteDocument(b);
      await backend.documents.deleteDocument(a);
      const c = await backend.documents.addDocument({ title: "c", body: "" });
      check(c > b, `a new document got id ${c}, not above the deleted ${b}`);
      checkEqual(await backend.documents.getDocument(b), null, `getDocument(${b}) after delete`);
    }),
    kase(
      "documents.addDocument.concurrentIds",
      "concurrent addDocument calls get unique ids, and later ones are above them all",
      async ({ backend }) => {
        const ids = await Promise.all(
          Array.from({ length: 10 }, (_, i) => backend.documents.addDocument({ title: `t${i}`, body: `b${i}` })),
        );
        check(new Set(ids).size === ids.length, `concurrent ids repeat: ${ids.join(", ")}`);
        for (const [i, id] of ids.entries())
          checkEqual((await backend.documents.getDocument(id))?.title, `t${i}`, `title of document ${id}`);
        const next = await backend.documents.addDocument({ title: "next", body: "" });
        check(next > Math.max(...ids), `a later id ${next} is not above every earlier one (${ids.join(", ")})`);
      },
    ),
    kase("documents.getDocument.missing", "getDocument of an unknown id is null", async ({ backend }) => {
      checkEqual(await backend.documents.getDocument(424242), null, "getDocument(424242)");
    }),
    kase("documents.getDocument.invalidId", "ids that are not positive integers are VALIDATION", async ({ backend }) => {
      for (const id of [0, -1, 1.5, Number.NaN, Infinity, "1" as never, 2 ** 53]) {
        await expectStoreError(() => backend.documents.getDocument(id), "VALIDATION", `getDocument(${String(id)})`);
      }
    }),
    kase("documents.updateDocument.fields", "updateDocument changes each field and moves updatedAt", async ({ backend, clock }) => {
      const id = await backend.documents.addDocument({ title: "t", body: "b" });
      const at = clock.advance(3000);
      const expected: Document = {
        id,
        title: "t2",
        body: "b2 😀",
        kind: "k",
        path: "p",
        metadata: { x: [1, 2] },
        createdAt: KIT_EPOCH,
        updatedAt: at,
      };
      checkEqual(
        await backend.documents.updateDocument(id, { title: "t2", body: "b2 😀", kind: "k", path: "p", metadata: { x: [1, 2] } }),
        expected,
        "updateDocument result",
      );
      checkEqual(await backend.documents.getDocument(id), expected, "getDocument after update");
    }),
    kase(
      "documents.updateDocument.removeOptional",
      "null removes kind, path and metadata; absent fields are kept",
      async ({ backend, clock }) => {
        const id = await backend.documents.addDocument({ title: "t", body: "b", kind: "k", path: "p", metadata: { a: 1 } });
        const at = clock.tick();
        await backend.documents.updateDocument(id, { kind: null, path: null, metadata: null });
        checkEqual(
          await backend.documents.getDocument(id),
          { id, title: "t", body: "b", createdAt: KIT_EPOCH, updatedAt: at },
          "getDocument",
        );
      },
    ),
    kase("documents.updateDocument.notFound", "updateDocument of a missing document is NOT_FOUND", async ({ backend }) => {
      await expectStoreError(() => backend.documents.updateDocument(99, { title: "x" }), "NOT_FOUND", "updateDocument(99)");
    }),
    kase(
      "documents.updateDocument.validationFirst",
      "a bad patch is VALIDATION whether or not the document exists",
      async ({ backend }) => {
        await expectStoreError(
          () => backend.documents.updateDocument(99, { title: 5 as never }),
          "VALIDATION",
          "numeric title on a missing document",
        );
        const id = await backend.documents.addDocument({ title: "t", body: "b" });
        await expectStoreError(() => backend.documents.updateDocument(id, { id: 5 } as never), "VALIDATION", "patching the id");
        await expectStoreError(
          () => backend.documents.updateDocument(id, { metadata: { f: () => 1 } as never }),
          "VALIDATION",
          "a function in metadata",
        );
        checkEqual((await backend.documents.getDocument(id))?.title, "t", "title after rejected patches");
      },
    ),
    kase("documents.deleteDocument.semantics", "deleteDocument is true once, then false", async ({ backend }) => {
      const id = await backend.documents.addDocument({ title: "t", body: "b" });
      checkEqual(await backend.documents.deleteDocument(id), true, "first delete");
      checkEqual(await backend.documents.deleteDocument(id), false, "second delete");
      checkEqual(await backend.documents.getDocument(id), null, "getDocument after delete");
    }),
    kase(
      "documents.listDocumentsPage.everyPageSize",
      "paging returns every document exactly once, by id, for page sizes 1..n+1",
      async ({ backend }) => {
        const ids: number[] = [];
        for (let i = 0; i < 9; i++) ids.push(await backend.documents.addDocument({ title: `t${i}`, body: `b${i}` }));
        await backend.documents.deleteDocument(ids[4]!);
        const expected = ids.filter((_, i) => i !== 4);
        for (const limit of pageSizes(expected.length)) {
          const got = await collectPages((cursor) => backend.documents.listDocumentsPage({ limit, cursor }), limit, expected.length);
          checkEqual(
            got.map((d) => d.id),
            expected,
            `paged ids with limit ${limit}`,
          );
        }
        const all = await backend.documents.listDocumentsPage({});
        checkEqual(
          all.items.map((d) => d.title),
          expected.map((id) => `t${ids.indexOf(id)}`),
          "titles of the default page",
        );
      },
    ),
    kase("documents.listDocumentsPage.badCursor", "garbage and foreign cursors are VALIDATION; bad limits too", async (ctx) => {
      const { backend } = ctx;
      for (let i = 0; i < 3; i++) await backend.documents.addDocument({ title: "t", body: "b" });
      await backend.links.addLink({ from: "document:1", to: "document:2", kind: "k" });
      await backend.links.addLink({ from: "document:1", to: "document:3", kind: "k" });
      const linkCursor = (await backend.links.listLinksPage({ limit: 1 })).cursor;
      await expectStoreError(() => backend.documents.listDocumentsPage({ cursor: "%%%" }), "VALIDATION", "cursor %%%");
      await expectStoreError(() => backend.documents.listDocumentsPage({ cursor: "MTIz" }), "VALIDATION", "cursor base64('123')");
      await expectStoreError(() => backend.documents.listDocumentsPage({ cursor: linkCursor }), "VALIDATION", "a links cursor");
      for (const limit of [0, 1001, 2.5])
        await expectStoreError(() => backend.documents.listDocumentsPage({ limit }), "VALIDATION", `limit ${limit}`);
    }),
    kase("documents.importDocument.roundtrip", "importDocument stores a document under its own id and timestamps", async ({ backend }) => {
      const doc: Document = {
        id: 42,
        title: "imported",
        body: "body 😀",
        kind: "k",
        path: "p",
        metadata: { m: 1 },
        createdAt: "2024-01-01T00:00:00.000Z",
        updatedAt: "2024-06-01T00:00:00.000Z",
      };
      await backend.documents.importDocument(doc);
      checkEqual(await backend.documents.getDocument(42), doc, "getDocument(42)");
      checkEqual(await backend.documents.search("imported"), [doc], "search for the imported document");
    }),
    kase("documents.importDocument.idsStayAbove", "later addDocument ids stay above every imported id", async ({ backend }) => {
      const first = await backend.documents.addDocument({ title: "a", body: "" });
      await backend.documents.importDocument({ id: first + 100, title: "i", body: "", createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH });
      const next = await backend.documents.addDocument({ title: "b", body: "" });
      check(next > first + 100, `addDocument returned ${next}, not above the imported id ${first + 100}`);
    }),
    kase(
      "documents.importDocument.conflict",
      "an existing id: fail is ALREADY_EXISTS, skip keeps, replace overwrites",
      async ({ backend }) => {
        const old: Document = { id: 7, title: "old", body: "old body", createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH };
        const neu: Document = {
          id: 7,
          title: "new",
          body: "new body",
          createdAt: "2025-01-01T00:00:00.000Z",
          updatedAt: "2025-01-02T00:00:00.000Z",
        };
        await backend.documents.importDocument(old);
        await expectStoreError(() => backend.documents.importDocument(neu), "ALREADY_EXISTS", "importDocument default policy");
        await expectStoreError(
          () => backend.documents.importDocument(neu, { onConflict: "fail" }),
          "ALREADY_EXISTS",
          "importDocument fail",
        );
        await backend.documents.importDocument(neu, { onConflict: "skip" });
        checkEqual(await backend.documents.getDocument(7), old, "after skip");
        await backend.documents.importDocument(neu, { onConflict: "replace" });
        checkEqual(await backend.documents.getDocument(7), neu, "after replace");
        checkEqual((await backend.documents.search("old")).length, 0, "search hits for the replaced text");
        checkEqual(
          (await backend.documents.search("new")).map((d) => d.id),
          [7],
          "search hits for the new text",
        );
      },
    ),
    kase(
      "documents.importDocument.idRange",
      "document ids are 1 … 2^53 − 1: the largest imports and reads back, 2^53 and above are VALIDATION",
      async ({ backend }) => {
        const max = Number.MAX_SAFE_INTEGER;
        const doc: Document = { id: max, title: "last", body: "the last id", createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH };
        await expectOk(backend.documents.importDocument(doc), `importDocument(${max})`);
        checkEqual(await backend.documents.getDocument(max), doc, `getDocument(${max})`);
        for (const id of [max + 1, 2 ** 60]) {
          await expectStoreError(() => backend.documents.importDocument({ ...doc, id }), "VALIDATION", `importDocument(${id})`);
        }
        checkEqual(
          (await backend.documents.listDocumentsPage({})).items.map((d) => d.id),
          [max],
          "ids after the rejected imports",
        );
      },
    ),
    kase(
      "documents.addDocument.idsExhausted",
      "after an import of id 2^53 − 1, addDocument is VALIDATION and overwrites nothing",
      async ({ backend }) => {
        const max = Number.MAX_SAFE_INTEGER;
        const first = await backend.documents.addDocument({ title: "first", body: "" });
        const last: Document = { id: max, title: "last", body: "the last id", createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH };
        await backend.documents.importDocument(last);
        for (let i = 0; i < 2; i++) {
          await expectStoreError(
            () => backend.documents.addDocument({ title: `over ${i}`, body: "over" }),
            "VALIDATION",
            `addDocument ${i + 1} after id ${max}`,
          );
        }
        checkEqual(await backend.documents.getDocument(max), last, `getDocument(${max}) after the refused adds`);
        checkEqual(
          (await backend.documents.listDocumentsPage({})).items.map((d) => d.id),
          [first, max],
          "ids after the refused adds",
        );
        checkEqual(await backend.documents.search("over"), [], "search for the refused documents");
      },
    ),
    kase("documents.importDocument.invalid", "malformed documents are VALIDATION and nothing is written", async ({ backend }) => {
      const good: Document = { id: 5, title: "t", body: "b", createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH };
      const bad: Array<[string, unknown]> = [
        ["id 0", { ...good, id: 0 }],
        ["id 1.5", { ...good, id: 1.5 }],
        ["missing createdAt", { ...good, createdAt: undefined }],
        ["updatedAt before createdAt", { ...good, updatedAt: "2020-01-01T00:00:00.000Z" }],
        ["unknown field", { ...good, extra: 1 }],
        ["bad timestamp", { ...good, updatedAt: "2026-01-01" }],
      ];
      for (const [what, doc] of bad) await expectStoreError(() => backend.documents.importDocument(doc as Document), "VALIDATION", what);
      await expectStoreError(
        () => backend.documents.importDocument(good, { onConflict: "merge" as never }),
        "VALIDATION",
        "unknown onConflict",
      );
      checkEqual((await backend.documents.listDocumentsPage({})).items, [], "documents after rejected imports");
      await expectOk(backend.documents.importDocument(good), "the valid document");
    }),
  ];
}
