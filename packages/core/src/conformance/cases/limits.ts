import { LIMITS } from "../../validation/limits";
import { check, checkEqual, expectOk, expectStoreError } from "../assert";
import { KIT_EPOCH } from "../clock";
import type { StoreError } from "../../errors";
import type { ConformanceCase } from "../types";
import { storeOf } from "./generic";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";

const MAX = LIMITS.itemMaxBytes;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), "utf8");

/** Pads `field` of `entity` so the entity is exactly `target` bytes as JSON. */
function padTo<T extends Record<string, unknown>>(entity: T, field: keyof T, target: number): T {
  const out = { ...entity, [field]: "" } as T;
  const room = target - bytes(out);
  check(room >= 0, `fixture: ${String(field)} cannot reach ${target} bytes`);
  return { ...out, [field]: "x".repeat(room) } as T;
}

/** A VALIDATION error of a token limit: on `field`, naming the limit. */
function checkTokenLimitError(e: StoreError, field: string, limit: number, what: string): void {
  checkEqual(e.details?.field, field, `${what}: details.field`);
  check(new RegExp(`\\b${limit}\\b`).test(e.message), `${what}: the message names the limit ${limit}: ${JSON.stringify(e.message)}`);
}

/** Limits at the boundary and one byte over. */
export function limitCases(): ConformanceCase[] {
  return [
    kase("limits.store.pk", "pk of 2048 bytes works; 2049 bytes is VALIDATION (bytes of UTF-8, not characters)", async ({ backend }) => {
      const s = storeOf(backend);
      const pk = "😀".repeat(512);
      await s.put({ pk, sk: "s" });
      checkEqual((await s.get(pk, "s"))?.pk, pk, "the 2048-byte pk");
      checkEqual((await s.query(pk, "")).length, 1, "query of the 2048-byte pk");
      await expectStoreError(() => s.put({ pk: pk + "a", sk: "s" }), "VALIDATION", "a 2049-byte pk");
      await expectStoreError(() => s.get("é".repeat(1025), "s"), "VALIDATION", "get with a 2050-byte pk of 1025 characters");
    }),
    kase("limits.store.sk", "sk of 1024 bytes works; 1025 bytes is VALIDATION", async ({ backend }) => {
      const s = storeOf(backend);
      const sk = "é".repeat(512);
      await s.put({ pk: "p", sk });
      checkEqual((await s.query("p", "é"))[0]?.sk, sk, "the 1024-byte sk");
      await expectStoreError(() => s.put({ pk: "p", sk: sk + "a" }), "VALIDATION", "a 1025-byte sk");
      await expectStoreError(() => s.delete("p", "a".repeat(1025)), "VALIDATION", "delete with a 1025-byte sk");
    }),
    kase("limits.store.item", "an item of 350 KiB as JSON works; one byte more is ITEM_TOO_LARGE", async ({ backend }) => {
      const s = storeOf(backend);
      const item = padTo({ pk: "p", sk: "s", v: "" }, "v", MAX);
      await s.put(item);
      checkEqual((await s.get("p", "s"))?.v, item.v, "the 350 KiB item");
      await expectStoreError(
        () => s.put(padTo({ pk: "p", sk: "u", v: "" }, "v", MAX + 1)),
        "ITEM_TOO_LARGE",
        "an item of 350 KiB + 1 byte",
      );
      checkEqual(await s.get("p", "u"), null, "the rejected item");
    }),
    kase("limits.perspective", "a perspective of 350 KiB as JSON works; one byte more is ITEM_TOO_LARGE", async ({ backend }) => {
      await backend.dialogues.createDialogue(newDialogue("d1"));
      const stored = padTo({ ...newPerspective("d1", "p1"), createdAt: KIT_EPOCH }, "content", MAX);
      await backend.dialogues.registerPerspective(stored);
      const over = padTo({ ...newPerspective("d1", "p2"), createdAt: KIT_EPOCH }, "content", MAX + 1);
      await expectStoreError(() => backend.dialogues.registerPerspective(over), "ITEM_TOO_LARGE", "a perspective of 350 KiB + 1");
      const e = await backend.dialogues.exportDialogue("d1");
      checkEqual(
        e.perspectives.map((p) => [p.id, p.content.length]),
        [["p1", stored.content.length]],
        "stored perspectives",
      );
    }),
    kase("limits.tension", "a tension of 350 KiB as JSON works; one byte more is ITEM_TOO_LARGE", async ({ backend }) => {
      await backend.dialogues.createDialogue(newDialogue("d1"));
      // "addressed" is the longest status, so the tension's size as JSON is the size the limit counts.
      const base = { ...newTension("d1", "t1"), status: "addressed" as const, createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH };
      const fit = padTo(base, "content", MAX);
      const { updatedAt: _u, ...fitInput } = fit;
      await backend.dialogues.registerTension(fitInput);
      const { updatedAt: _v, ...overInput } = padTo({ ...base, id: "t2" }, "content", MAX + 1);
      await expectStoreError(() => backend.dialogues.registerTension(overInput), "ITEM_TOO_LARGE", "a tension of 350 KiB + 1");
      const e = await backend.dialogues.exportDialogue("d1");
      checkEqual(
        e.tensions.map((t) => t.id),
        ["t1"],
        "stored tensions",
      );
      await expectOk(
        backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "resolved", {}),
        "a status change of the largest tension",
      );
    }),
    kase(
      "limits.tension.statusRoom",
      'a tension is measured as if its status were the longest ("addressed"), so a status change never pushes it over and its export imports',
      async (ctx) => {
        const { backend } = ctx;
        await backend.dialogues.createDialogue(newDialogue("d1"));
        const room = bytes("addressed") - bytes("open");
        const open = { ...newTension("d1", "t1"), status: "open" as const, createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH };
        const { updatedAt: _u, ...fit } = padTo(open, "content", MAX - room);
        await backend.dialogues.registerTension(fit);
        const { updatedAt: _v, ...over } = padTo({ ...open, id: "t2" }, "content", MAX - room + 1);
        const e = await expectStoreError(
          () => backend.dialogues.registerTension(over),
          "ITEM_TOO_LARGE",
          `an "open" tension of ${MAX - room + 1} bytes (no room to become "addressed")`,
        );
        checkEqual(e.details?.size, MAX + 1, "details.size (measured with the longest status)");
        await expectOk(
          backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "addressed", {}),
          "moving the largest open tension to addressed",
        );
        const exported = await backend.dialogues.exportDialogue("d1");
        checkEqual(
          exported.tensions.map((t) => [t.id, t.status, bytes({ ...t, events: undefined })]),
          [["t1", "addressed", MAX]],
          "the stored tension, exactly at the limit",
        );
        const fresh = await ctx.freshBackend();
        await expectOk(fresh.dialogues.importDialogue(exported), "importing the export of the grown tension");
        checkEqual(
          { ...(await fresh.dialogues.exportDialogue("d1")), exportedAt: exported.exportedAt },
          exported,
          "the re-exported dialogue",
        );
        const overExport = {
          ...exported,
          dialogue: { ...exported.dialogue, id: "d2" },
          links: [],
          tensions: [
            {
              ...over,
              dialogueId: "d2",
              updatedAt: KIT_EPOCH,
              events: [{ seq: 1, status: "open" as const, at: KIT_EPOCH, round: over.round, actor: over.expert }],
            },
          ],
        };
        await expectStoreError(
          () => fresh.dialogues.importDialogue(overExport),
          "ITEM_TOO_LARGE",
          "importing an open tension without room to grow",
        );
        checkEqual(await fresh.dialogues.getDialogue("d2"), null, "the refused import");
      },
    ),
    kase("limits.link", "a link of 350 KiB as JSON works; one byte more is ITEM_TOO_LARGE", async ({ backend }) => {
      const base = { from: "document:1", to: "document:2", kind: "k", metadata: { pad: "" }, createdAt: KIT_EPOCH };
      const fit = { ...base, metadata: { pad: "x".repeat(MAX - bytes(base)) } };
      check(bytes(fit) === MAX, "fixture");
      await backend.links.addLink(fit);
      const over = { ...base, to: "document:3", metadata: { pad: "x".repeat(MAX + 1 - bytes(base)) } };
      await expectStoreError(() => backend.links.addLink(over), "ITEM_TOO_LARGE", "a link of 350 KiB + 1");
      checkEqual(
        (await backend.links.linksFrom("document:1")).map((l) => l.to),
        ["document:2"],
        "stored links",
      );
    }),
    kase("limits.dialogue", "a dialogue of 350 KiB as JSON works; one byte more is ITEM_TOO_LARGE", async ({ backend }) => {
      const base = { id: "d1", title: "t", status: "open", createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH, metadata: { pad: "" } };
      const fit = { ...base, metadata: { pad: "x".repeat(MAX - bytes(base)) } };
      await backend.dialogues.createDialogue({ id: "d1", title: "t", metadata: fit.metadata });
      const over = { pad: "x".repeat(MAX + 1 - bytes(base)) };
      await expectStoreError(
        () => backend.dialogues.createDialogue({ id: "d2", title: "t", metadata: over }),
        "ITEM_TOO_LARGE",
        "a dialogue of 350 KiB + 1",
      );
      await expectStoreError(
        () => backend.dialogues.updateDialogue("d1", { title: "tt" }),
        "ITEM_TOO_LARGE",
        "an update that grows d1 one byte over",
      );
      checkEqual((await backend.dialogues.getDialogue("d1"))?.title, "t", "d1 after the rejected update");
    }),
    kase(
      "limits.document.body",
      "a document body of 10 MiB works; 10 MiB + 1 byte is ITEM_TOO_LARGE",
      async ({ backend }) => {
        const body = `${"word ".repeat(1024)}${"é".repeat((LIMITS.documentBodyMaxBytes - 5 * 1024) / 2)}`;
        check(Buffer.byteLength(body) === LIMITS.documentBodyMaxBytes, "fixture");
        const id = await backend.documents.addDocument({ title: "big", body });
        const got = await backend.documents.getDocument(id);
        check(
          got?.body === body,
          `the 10 MiB body came back with ${got ? Buffer.byteLength(got.body) : "no"} bytes${got && got.body.length === body.length ? " (same length, different content)" : ""}`,
        );
        checkEqual(
          (await backend.documents.search("word big")).map((d) => d.id),
          [id],
          "search in the 10 MiB document",
        );
        await expectStoreError(
          () => backend.documents.addDocument({ title: "big", body: body + "x" }),
          "ITEM_TOO_LARGE",
          "a body of 10 MiB + 1",
        );
        await expectStoreError(
          () => backend.documents.updateDocument(id, { body: body + "x" }),
          "ITEM_TOO_LARGE",
          "an update to 10 MiB + 1",
        );
        const small = await backend.documents.addDocument({ title: "s", body: "" });
        await expectOk(backend.documents.updateDocument(small, { body }), "an update to exactly 10 MiB");
        checkEqual((await backend.documents.getDocument(small))?.body.length, body.length, "length of the updated body");
      },
      { timeoutMs: 90_000, tags: ["slow"] },
    ),
    kase(
      "search.limits.queryTokens",
      "a query of 32 distinct tokens works (repeats do not count); 33 is VALIDATION naming the limit, a 4096-byte query too",
      async ({ backend }) => {
        const max = LIMITS.searchQueryMaxTokens;
        const words = Array.from({ length: max + 1 }, (_, i) => `q${i.toString(36)}`);
        const all = await backend.documents.addDocument({ title: "all", body: words.join(" ") });
        await backend.documents.addDocument({ title: "fewer", body: words.slice(0, max - 1).join(" ") });
        const fit = words.slice(0, max);
        checkEqual(
          (await expectOk(backend.documents.search(fit.join(" ")), `a query of ${max} tokens`)).map((d) => d.id),
          [all],
          `hits for ${max} tokens`,
        );
        checkEqual(
          (await expectOk(backend.documents.search([...fit, ...[...fit].reverse()].join(" ")), `a query of ${max} tokens, each twice`)).map(
            (d) => d.id,
          ),
          [all],
          "hits for the repeated tokens",
        );
        const over = await expectStoreError(() => backend.documents.search(words.join(" ")), "VALIDATION", `a query of ${max + 1} tokens`);
        checkTokenLimitError(over, "query", max, `a query of ${max + 1} tokens`);
        let long = words.join(" ");
        for (let i = 0; Buffer.byteLength(`${long} ${words[i % words.length]}`) <= LIMITS.searchQueryMaxBytes; i++)
          long += ` ${words[i % words.length]}`;
        long = long.padEnd(LIMITS.searchQueryMaxBytes, " ");
        check(Buffer.byteLength(long) === LIMITS.searchQueryMaxBytes, "fixture: a 4096-byte query");
        checkTokenLimitError(
          await expectStoreError(() => backend.documents.search(long), "VALIDATION", `a 4096-byte query of ${max + 1} tokens`),
          "query",
          max,
          "a 4096-byte query",
        );
      },
    ),
    kase(
      "documents.limits.indexedTokens",
      "8192 distinct tokens in title and body work and are searchable; 8193 is VALIDATION on add, update and import, and nothing is stored",
      async ({ backend }) => {
        const docs = backend.documents;
        const max = LIMITS.documentMaxTokens;
        const words = Array.from({ length: max + 1 }, (_, i) => `t${i.toString(36)}`);
        // Title and body count together; repeated tokens count once.
        const fit = { title: words[0]!, body: `${words.slice(1, max).join(" ")} ${words.slice(0, 100).join(" ")}` };
        const id = await expectOk(docs.addDocument(fit), `a document of ${max} distinct tokens`);
        checkEqual(
          (await docs.search(words[max - 1]!)).map((d) => d.id),
          [id],
          "hits for its last token",
        );
        const before = await docs.getDocument(id);
        const overAdd = await expectStoreError(
          () => docs.addDocument({ title: words[0]!, body: words.slice(1).join(" ") }),
          "VALIDATION",
          `an add of ${max + 1} distinct tokens`,
        );
        checkTokenLimitError(overAdd, "body", max, "the add");
        const overTitle = await expectStoreError(
          () => docs.updateDocument(id, { title: `${words[0]} ${words[max]}` }),
          "VALIDATION",
          "an update of the title to one token more",
        );
        checkTokenLimitError(overTitle, "body", max, "the title update");
        const overBody = await expectStoreError(
          () => docs.updateDocument(id, { body: `${fit.body} ${words[max]}` }),
          "VALIDATION",
          "an update of the body to one token more",
        );
        checkTokenLimitError(overBody, "body", max, "the body update");
        checkEqual(await docs.getDocument(id), before, "the document after the rejected updates");
        checkEqual(await docs.search(words[max]!), [], "hits for the rejected token");
        const imported = { id: id + 1000, title: "", body: words.join(" "), createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH };
        checkTokenLimitError(
          await expectStoreError(() => docs.importDocument(imported), "VALIDATION", `an import of ${max + 1} distinct tokens`),
          "body",
          max,
          "the import",
        );
        checkEqual(
          (await docs.listDocumentsPage({})).items.map((d) => d.id),
          [id],
          "stored documents",
        );
      },
      { timeoutMs: 60_000 },
    ),
    kase("limits.document.head", "a document's fields besides the body are limited to 350 KiB as JSON", async ({ backend }) => {
      await expectStoreError(
        () => backend.documents.addDocument({ title: "x".repeat(MAX), body: "" }),
        "ITEM_TOO_LARGE",
        "a 350 KiB title",
      );
      checkEqual((await backend.documents.listDocumentsPage({})).items, [], "documents after the rejected add");
    }),
  ];
}
