import { encodeDialogueCursor, encodeDocumentCursor, encodeLinkCursor, encodeStoreCursor } from "../../model/paging";
import { checkEqual, expectStoreError } from "../assert";
import type { ConformanceCase } from "../types";
import { kase, newDialogue } from "./helpers";
import { storeOf } from "./generic";

/**
 * Forged cursors (issue 15, item 8): a cursor whose checksum is right (made with core's own
 * encoders) but whose position no listing can hold is VALIDATION on every backend, never
 * INTERNAL or another page; a well-formed position no item holds pages on strictly after it.
 */
export function cursorCases(): ConformanceCase[] {
  const long = "x".repeat(3000);
  return [
    kase(
      "cursors.dialogues.forged",
      "forged dialogue positions (3,000-character or empty id, bad timestamps) are VALIDATION; an absent one pages on after it",
      async (ctx) => {
        const d = ctx.backend.dialogues;
        for (const [id, at] of [
          ["a", "2026-01-01T00:00:00.000Z"],
          ["c", "2026-01-01T00:00:00.000Z"],
          ["e", "2026-01-02T00:00:00.000Z"],
        ] as const) {
          await d.createDialogue(newDialogue(id, { createdAt: at }));
        }
        const forged: Array<[string, { updatedAt: string; id: string }]> = [
          ["a 3,000-character id", { updatedAt: "2026-01-01T00:00:00.000Z", id: long }],
          ["an empty id", { updatedAt: "2026-01-01T00:00:00.000Z", id: "" }],
          ["an id with a space", { updatedAt: "2026-01-01T00:00:00.000Z", id: "a b" }],
          ["an empty updatedAt", { updatedAt: "", id: "a" }],
          ["a date without a time", { updatedAt: "2026-01-01", id: "a" }],
          ["month 13", { updatedAt: "2026-13-01T00:00:00.000Z", id: "a" }],
        ];
        for (const [what, pos] of forged) {
          await expectStoreError(
            () => d.listDialoguesPage({ limit: 2, cursor: encodeDialogueCursor(undefined, pos) }),
            "VALIDATION",
            `cursor with ${what}`,
          );
          await expectStoreError(
            () => d.listDialoguesPage({ limit: 2, status: "open", cursor: encodeDialogueCursor("open", pos) }),
            "VALIDATION",
            `open cursor with ${what}`,
          );
        }
        await ctx.eventually(async () => {
          const page = await d.listDialoguesPage({
            limit: 5,
            cursor: encodeDialogueCursor(undefined, { updatedAt: "2026-01-01T00:00:00.000Z", id: "b" }),
          });
          checkEqual(
            page.items.map((s) => s.id),
            ["c"],
            "the page after the absent position (2026-01-01, b)",
          );
          checkEqual(page.cursor, undefined, "cursor of the last page");
          const later = await d.listDialoguesPage({
            limit: 5,
            cursor: encodeDialogueCursor(undefined, { updatedAt: "2026-01-03T00:00:00.000Z", id: "z" }),
          });
          checkEqual(
            later.items.map((s) => s.id),
            ["e", "a", "c"],
            "the page after a position before every dialogue",
          );
        });
      },
    ),
    kase(
      "cursors.documents.forged",
      "forged document positions (0, negative, fractional, unsafe) are VALIDATION; an absent id pages on after it",
      async ({ backend }) => {
        const ids: number[] = [];
        for (let i = 0; i < 3; i++) ids.push(await backend.documents.addDocument({ title: `t${i}`, body: "b" }));
        await backend.documents.deleteDocument(ids[1]!);
        for (const p of [0, -1, 1.5, 2 ** 53]) {
          await expectStoreError(
            () => backend.documents.listDocumentsPage({ cursor: encodeDocumentCursor(p) }),
            "VALIDATION",
            `document cursor at ${p}`,
          );
        }
        const page = await backend.documents.listDocumentsPage({ cursor: encodeDocumentCursor(ids[1]!) });
        checkEqual(
          page.items.map((x) => x.id),
          [ids[2]!],
          "the page after a deleted id",
        );
      },
    ),
    kase(
      "cursors.links.forged",
      "forged link positions (3,000-character address, invalid addresses or kind) are VALIDATION; an absent one pages on after it",
      async ({ backend }) => {
        for (const to of ["document:1", "document:3"]) await backend.links.addLink({ from: "dialogue:a", to, kind: "cites" });
        const forged: Array<[string, { from: string; to: string; kind: string }]> = [
          ["a 3,000-character from", { from: `dialogue:${long}`, to: "document:1", kind: "cites" }],
          ["an empty from", { from: "", to: "document:1", kind: "cites" }],
          ["a to that is no address", { from: "dialogue:a", to: "not an address", kind: "cites" }],
          ["document id 0", { from: "dialogue:a", to: "document:0", kind: "cites" }],
          ["an empty kind", { from: "dialogue:a", to: "document:1", kind: "" }],
          ["a kind with a space", { from: "dialogue:a", to: "document:1", kind: "a b" }],
        ];
        for (const [what, pos] of forged) {
          await expectStoreError(
            () => backend.links.listLinksPage({ cursor: encodeLinkCursor(pos) }),
            "VALIDATION",
            `link cursor with ${what}`,
          );
        }
        const page = await backend.links.listLinksPage({
          cursor: encodeLinkCursor({ from: "dialogue:a", to: "document:2", kind: "cites" }),
        });
        checkEqual(
          page.items.map((l) => l.to),
          ["document:3"],
          "the page after the absent link dialogue:a > document:2",
        );
      },
    ),
    kase(
      "cursors.store.forged",
      "forged generic-store positions (empty, outside the prefix, over 1,024 bytes, lone surrogate) are VALIDATION; an absent one pages on after it",
      async ({ backend }) => {
        const s = storeOf(backend);
        for (const sk of ["k1", "k3", "k5"]) await s.put({ pk: "p", sk });
        for (const [what, sk] of [
          ["an empty sort key", ""],
          ["a key outside the prefix", "j9"],
          ["a 1,025-byte key", `k${"x".repeat(1024)}`],
          ["a lone surrogate", "k\ud800"],
        ] as const) {
          for (const reverse of [false, true]) {
            await expectStoreError(
              () => s.queryPage("p", "k", { limit: 1, reverse, cursor: encodeStoreCursor("items", "p", "k", reverse, sk) }),
              "VALIDATION",
              `store cursor with ${what}${reverse ? " (reverse)" : ""}`,
            );
          }
        }
        checkEqual(
          (await s.queryPage("p", "k", { limit: 5, cursor: encodeStoreCursor("items", "p", "k", false, "k2") })).items.map((i) => i.sk),
          ["k3", "k5"],
          "forward after the absent k2",
        );
        checkEqual(
          (await s.queryPage("p", "k", { limit: 5, reverse: true, cursor: encodeStoreCursor("items", "p", "k", true, "k4") })).items.map(
            (i) => i.sk,
          ),
          ["k3", "k1"],
          "reverse after the absent k4",
        );
      },
    ),
  ];
}
