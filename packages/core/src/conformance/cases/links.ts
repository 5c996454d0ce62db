import type { Link } from "../../types/entities";
import { compareUtf8 } from "../../encoding/utf8";
import { check, checkEqual, expectStoreError } from "../assert";
import { KIT_EPOCH } from "../clock";
import type { ConformanceCase } from "../types";
import { collectPages, kase, newDialogue, pageSizes } from "./helpers";

const key = (l: Link) => `${l.from} ${l.to} ${l.kind}`;

/** Links: roundtrip, replace, order, filters, removal, cascades, paging, validation. */
export function linkCases(): ConformanceCase[] {
  return [
    kase("links.addLink.roundtrip", "every field of a link comes back from linksFrom and linksTo", async ({ backend }) => {
      await backend.links.addLink({
        from: "dialogue:d1/tension:T01",
        to: "document:42",
        kind: "cites",
        metadata: { page: 3, quote: "« 😀 »" },
      });
      await backend.links.addLink({ from: "dialogue:d1", to: "document:42", kind: "about", createdAt: "2025-01-01T00:00:00.000Z" });
      const a: Link = {
        from: "dialogue:d1/tension:T01",
        to: "document:42",
        kind: "cites",
        metadata: { page: 3, quote: "« 😀 »" },
        createdAt: KIT_EPOCH,
      };
      const b: Link = { from: "dialogue:d1", to: "document:42", kind: "about", createdAt: "2025-01-01T00:00:00.000Z" };
      checkEqual(await backend.links.linksFrom("dialogue:d1/tension:T01"), [a], "linksFrom(tension)");
      checkEqual(await backend.links.linksTo("document:42"), [b, a], "linksTo(document:42) by (kind, from)");
    }),
    kase(
      "links.addLink.replaceKeepsCreatedAt",
      "adding the same (from, to, kind) again replaces metadata and keeps createdAt",
      async ({ backend, clock }) => {
        await backend.links.addLink({ from: "document:1", to: "document:2", kind: "k", metadata: { v: 1 } });
        clock.advance(5000);
        await backend.links.addLink({ from: "document:1", to: "document:2", kind: "k", metadata: { v: 2 } });
        checkEqual(
          await backend.links.linksFrom("document:1"),
          [{ from: "document:1", to: "document:2", kind: "k", metadata: { v: 2 }, createdAt: KIT_EPOCH }],
          "after the second add",
        );
        await backend.links.addLink({ from: "document:1", to: "document:2", kind: "k", createdAt: "2030-01-01T00:00:00.000Z" });
        checkEqual(
          await backend.links.linksFrom("document:1"),
          [{ from: "document:1", to: "document:2", kind: "k", createdAt: KIT_EPOCH }],
          "after a third add without metadata and with another createdAt",
        );
      },
    ),
    kase("links.linksFrom.order", "linksFrom orders by (kind, to) in byte order", async ({ backend, rng }) => {
      const tos = [
        "document:10",
        "document:9",
        "dialogue:a",
        "dialogue:a/tension:b",
        "dialogue:A",
        "dialogue:a-b",
        "dialogue:a.b",
        "dialogue:a_b",
      ];
      const kinds = ["b", "a", "B", "a.b", "a:b"];
      const all = tos.flatMap((to) => kinds.map((kind) => ({ from: "dialogue:x", to, kind })));
      for (const l of rng.shuffle(all)) await backend.links.addLink(l);
      const expected = [...all].sort((p, q) => compareUtf8(p.kind, q.kind) || compareUtf8(p.to, q.to)).map((l) => `${l.kind} ${l.to}`);
      checkEqual(
        (await backend.links.linksFrom("dialogue:x")).map((l) => `${l.kind} ${l.to}`),
        expected,
        "linksFrom order",
      );
    }),
    kase("links.linksTo.order", "linksTo orders by (kind, from) in byte order", async ({ backend, rng }) => {
      const froms = ["document:2", "document:10", "dialogue:z", "dialogue:Z/perspective:p1", "dialogue:z/perspective:p1"];
      const kinds = ["y", "X", "x"];
      const all = froms.flatMap((from) => kinds.map((kind) => ({ from, to: "document:1", kind })));
      for (const l of rng.shuffle(all)) await backend.links.addLink(l);
      const expected = [...all]
        .sort((p, q) => compareUtf8(p.kind, q.kind) || compareUtf8(p.from, q.from))
        .map((l) => `${l.kind} ${l.from}`);
      checkEqual(
        (await backend.links.linksTo("document:1")).map((l) => `${l.kind} ${l.from}`),
        expected,
        "linksTo order",
      );
    }),
    kase("links.kindFilter", "the kind option filters linksFrom and linksTo exactly", async ({ backend }) => {
      for (const kind of ["cites", "cites2", "Cites", "about"]) {
        await backend.links.addLink({ from: "document:1", to: "document:2", kind });
        await backend.links.addLink({ from: "document:3", to: "document:1", kind });
      }
      checkEqual(
        (await backend.links.linksFrom("document:1", { kind: "cites" })).map((l) => l.kind),
        ["cites"],
        "linksFrom kind cites",
      );
      checkEqual(
        (await backend.links.linksTo("document:1", { kind: "Cites" })).map((l) => l.kind),
        ["Cites"],
        "linksTo kind Cites",
      );
      checkEqual(await backend.links.linksFrom("document:1", { kind: "none" }), [], "linksFrom kind none");
      await expectStoreError(() => backend.links.linksFrom("document:1", { kind: "bad kind" }), "VALIDATION", "an invalid kind filter");
    }),
    kase("links.exactEnds", "linksFrom/linksTo match the exact address, not addresses inside or beside it", async ({ backend }) => {
      await backend.links.addLink({ from: "dialogue:d1/tension:t1", to: "document:1", kind: "k" });
      await backend.links.addLink({ from: "dialogue:d10", to: "document:10", kind: "k" });
      checkEqual(await backend.links.linksFrom("dialogue:d1"), [], "linksFrom(dialogue:d1)");
      checkEqual(
        await backend.links.linksTo("document:1").then((ls) => ls.map((l) => l.from)),
        ["dialogue:d1/tension:t1"],
        "linksTo(document:1)",
      );
    }),
    kase("links.removeLink.semantics", "removeLink removes exactly one link: true once, then false", async ({ backend }) => {
      await backend.links.addLink({ from: "document:1", to: "document:2", kind: "a" });
      await backend.links.addLink({ from: "document:1", to: "document:2", kind: "b" });
      checkEqual(await backend.links.removeLink("document:1", "document:2", "a"), true, "first removeLink");
      checkEqual(await backend.links.removeLink("document:1", "document:2", "a"), false, "second removeLink");
      checkEqual(
        (await backend.links.linksFrom("document:1")).map((l) => l.kind),
        ["b"],
        "remaining links",
      );
      await expectStoreError(() => backend.links.removeLink("document:1", "nonsense", "a"), "VALIDATION", "removeLink with a bad address");
    }),
    kase("links.deleteDocument.cascade", "deleteDocument removes every link with an end at or inside the document", async ({ backend }) => {
      const id = await backend.documents.addDocument({ title: "t", body: "b" });
      const other = await backend.documents.addDocument({ title: "o", body: "b" });
      await backend.links.addLink({ from: `document:${id}`, to: `document:${other}`, kind: "k" });
      await backend.links.addLink({ from: "dialogue:d", to: `document:${id}`, kind: "k" });
      await backend.links.addLink({ from: `document:${id}/section:s1`, to: "dialogue:d", kind: "k" });
      await backend.links.addLink({ from: `document:${other}`, to: "dialogue:d", kind: "k" });
      await backend.documents.deleteDocument(id);
      const rest = await collectPages((cursor) => backend.links.listLinksPage({ cursor }), 100, 10);
      checkEqual(rest.map(key), [`document:${other} dialogue:d k`], "links left after deleteDocument");
    }),
    kase("links.deleteDocument.prefixSafe", "deleting document 1 keeps links of documents 10 and 100", async ({ backend }) => {
      const ids: number[] = [];
      for (let i = 0; i < 12; i++) ids.push(await backend.documents.addDocument({ title: `t${i}`, body: "" }));
      const target = ids[0]!;
      const others = ids.filter((id) => String(id).startsWith(String(target)) && id !== target);
      await backend.links.addLink({ from: `document:${target}`, to: "dialogue:x", kind: "k" });
      for (const o of others) await backend.links.addLink({ from: `document:${o}`, to: "dialogue:x", kind: "k" });
      await backend.documents.deleteDocument(target);
      checkEqual(
        (await backend.links.linksTo("dialogue:x")).map((l) => l.from),
        others.map((o) => `document:${o}`).sort(compareUtf8),
        "links of the other documents",
      );
    }),
    kase(
      "links.listLinksPage.everyPageSize",
      "listLinksPage returns every link once, by (from, to, kind), for page sizes 1..n+1",
      async ({ backend, rng }) => {
        const all = [
          { from: "document:1", to: "document:2", kind: "a" },
          { from: "document:1", to: "document:2", kind: "b" },
          { from: "document:1", to: "document:10", kind: "a" },
          { from: "document:10", to: "document:1", kind: "a" },
          { from: "dialogue:d", to: "document:1", kind: "a" },
          { from: "dialogue:d/tension:t", to: "document:1", kind: "a" },
          { from: "dialogue:d-x", to: "document:1", kind: "a" },
          { from: "dialogue:D", to: "document:1", kind: "a" },
        ];
        for (const l of rng.shuffle(all)) await backend.links.addLink(l);
        const expected = [...all]
          .sort((p, q) => compareUtf8(p.from, q.from) || compareUtf8(p.to, q.to) || compareUtf8(p.kind, q.kind))
          .map((l) => `${l.from} ${l.to} ${l.kind}`);
        for (const limit of pageSizes(all.length)) {
          const got = await collectPages((cursor) => backend.links.listLinksPage({ limit, cursor }), limit, all.length);
          checkEqual(got.map(key), expected, `links paged by ${limit}`);
        }
      },
    ),
    kase("links.listLinksPage.badCursor", "garbage and foreign cursors are VALIDATION", async (ctx) => {
      const { backend } = ctx;
      await backend.dialogues.createDialogue(newDialogue("a"));
      await backend.dialogues.createDialogue(newDialogue("b"));
      const foreign = await ctx.eventually(async () => {
        const c = (await backend.dialogues.listDialoguesPage({ limit: 1 })).cursor;
        check(c !== undefined, "a first dialogue page of 1 out of 2 must have a cursor");
        return c;
      });
      await expectStoreError(() => backend.links.listLinksPage({ cursor: "zzz" }), "VALIDATION", "cursor zzz");
      await expectStoreError(() => backend.links.listLinksPage({ cursor: foreign }), "VALIDATION", "a dialogues cursor");
      await expectStoreError(() => backend.links.listLinksPage({ limit: 0 }), "VALIDATION", "limit 0");
    }),
    kase("links.validation.refs", "malformed addresses and kinds are VALIDATION and nothing is stored", async ({ backend }) => {
      const bad = [
        "",
        "document",
        "document:",
        "document:0",
        "document:01",
        "document:-1",
        "document:1.5",
        "Document:1",
        "doc ument:1",
        ":x",
        "dialogue:d1/",
        "/dialogue:d1",
        "dialogue:d1//tension:t",
        "dialogue:d 1",
        "dialogue:é",
        "dialogue:-x",
        `x${"a".repeat(40)}:1`,
        "dialogue:d1#x",
        "dialogue:\u0000",
      ];
      for (const ref of bad) {
        await expectStoreError(
          () => backend.links.addLink({ from: ref, to: "document:1", kind: "k" }),
          "VALIDATION",
          `from ${JSON.stringify(ref)}`,
        );
        await expectStoreError(
          () => backend.links.addLink({ from: "document:1", to: ref, kind: "k" }),
          "VALIDATION",
          `to ${JSON.stringify(ref)}`,
        );
        await expectStoreError(() => backend.links.linksFrom(ref), "VALIDATION", `linksFrom ${JSON.stringify(ref)}`);
      }
      for (const kind of ["", "a b", "-a", "é", "k".repeat(129), 5 as never]) {
        await expectStoreError(
          () => backend.links.addLink({ from: "document:1", to: "document:2", kind }),
          "VALIDATION",
          `kind ${JSON.stringify(kind)}`,
        );
      }
      checkEqual((await backend.links.listLinksPage({})).items, [], "links after rejected adds");
    }),
    kase("links.validation.longestRef", "addresses up to 1024 bytes work; longer are VALIDATION", async ({ backend }) => {
      const seg = (n: number) => `x:${"a".repeat(n - 2)}`;
      const ref = [...Array.from({ length: 7 }, () => seg(128)), seg(121)].join("/");
      check(Buffer.byteLength(ref) === 1024, `fixture: ${Buffer.byteLength(ref)} bytes`);
      await backend.links.addLink({ from: ref, to: "document:1", kind: "k" });
      checkEqual(
        (await backend.links.linksTo("document:1")).map((l) => l.from),
        [ref],
        "the 1024-byte address",
      );
      await expectStoreError(
        () => backend.links.addLink({ from: `${ref}b`, to: "document:1", kind: "k" }),
        "VALIDATION",
        "a 1025-byte address",
      );
    }),
  ];
}
