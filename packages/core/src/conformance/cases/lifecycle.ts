import { isStoreError } from "../../errors";
import type { StorageBackend, Store } from "../../types/stores";
import { check, checkEqual, expectStoreError, failCase } from "../assert";
import type { ConformanceCase } from "../types";
import { storeOf, type Item } from "./generic";
import { expectStoreThrows, kase, newDialogue } from "./helpers";

/** The first step of an iteration (where an iterator reports its errors). */
const first = (items: AsyncIterable<unknown>) => items[Symbol.asyncIterator]().next();

/** One call of every method, with valid or invalid arguments. */
function everyCall(b: StorageBackend, valid: boolean, s: Store<Item>): Array<[string, () => Promise<unknown>]> {
  const id = valid ? "d1" : "bad id";
  const t = { dialogueId: id, tensionId: "t1" };
  return [
    ["createDialogue", () => b.dialogues.createDialogue(newDialogue(id))],
    ["getDialogue", () => b.dialogues.getDialogue(id)],
    ["updateDialogue", () => b.dialogues.updateDialogue(id, { title: "x" })],
    ["deleteDialogue", () => b.dialogues.deleteDialogue(id)],
    [
      "registerPerspective",
      () => b.dialogues.registerPerspective({ dialogueId: id, id: "p", round: 1, expert: "e", label: "l", content: "c" }),
    ],
    ["registerTension", () => b.dialogues.registerTension({ dialogueId: id, id: "t1", round: 1, expert: "e", label: "l", content: "c" })],
    ["updateTensionStatus", () => b.dialogues.updateTensionStatus(t, "resolved", {})],
    ["exportDialogue", () => b.dialogues.exportDialogue(id)],
    ["importDialogue", () => b.dialogues.importDialogue({} as never)],
    ["listDialogues", () => b.dialogues.listDialogues(valid ? undefined : ("x" as never))],
    ["listDialoguesPage", () => b.dialogues.listDialoguesPage({ limit: valid ? 5 : 0 })],
    ["addDocument", () => b.documents.addDocument({ title: "t", body: valid ? "b" : (5 as never) })],
    ["getDocument", () => b.documents.getDocument(valid ? 1 : 0)],
    ["updateDocument", () => b.documents.updateDocument(valid ? 1 : 0, { title: "x" })],
    ["deleteDocument", () => b.documents.deleteDocument(valid ? 1 : 0)],
    ["listDocumentsPage", () => b.documents.listDocumentsPage({ cursor: valid ? undefined : "x" })],
    ["search", () => b.documents.search("word", valid ? 5 : 0)],
    [
      "importDocument",
      () =>
        b.documents.importDocument({
          id: valid ? 1 : 0,
          title: "t",
          body: "b",
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
        }),
    ],
    ["addLink", () => b.links.addLink({ from: valid ? "document:1" : "x", to: "document:2", kind: "k" })],
    ["removeLink", () => b.links.removeLink(valid ? "document:1" : "x", "document:2", "k")],
    ["linksFrom", () => b.links.linksFrom(valid ? "document:1" : "x")],
    ["linksTo", () => b.links.linksTo(valid ? "document:1" : "x")],
    ["listLinksPage", () => b.links.listLinksPage({ limit: valid ? 5 : 0 })],
    ["store.get", () => s.get(valid ? "p" : "", "s")],
    ["store.put", () => s.put({ pk: valid ? "p" : "", sk: "s" })],
    ["store.delete", () => s.delete(valid ? "p" : "", "s")],
    ["store.query", () => s.query(valid ? "p" : "", "")],
    ["store.queryPage", () => s.queryPage(valid ? "p" : "", "", {})],
    ["store.getMany", () => s.getMany([{ pk: valid ? "p" : "", sk: "s" }])],
    ["store.putMany", () => s.putMany([{ pk: valid ? "p" : "", sk: "s" }])],
    ["store.deleteMany", () => s.deleteMany([{ pk: valid ? "p" : "", sk: "s" }])],
    ["store.transact", () => s.transact([{ put: { pk: valid ? "p" : "", sk: "s" } }])],
    ["store.iterate", () => first(s.iterate(valid ? "p" : "", ""))],
    ["iterateDialogues", () => first(b.dialogues.iterateDialogues(valid ? undefined : ("x" as never)))],
    ["iterateDocuments", () => first(b.documents.iterateDocuments({ pageSize: valid ? 5 : 0 }))],
    ["iterateLinks", () => first(b.links.iterateLinks({ pageSize: valid ? 5 : 0 }))],
  ];
}

/** close(), CLOSED, and errors that are always StoreErrors in rejected promises. */
export function lifecycleCases(): ConformanceCase[] {
  return [
    kase("backend.shape", "name is a non-empty string; capabilities has persistent, listConsistency, multiProcess", async ({ backend }) => {
      check(typeof backend.name === "string" && backend.name.length > 0, `backend.name is ${JSON.stringify(backend.name)}`);
      const c = backend.capabilities;
      check(typeof c === "object" && c !== null, "backend.capabilities is missing");
      check(typeof c.persistent === "boolean", `capabilities.persistent is ${JSON.stringify(c.persistent)}`);
      check(
        c.listConsistency === "strong" || c.listConsistency === "eventual",
        `capabilities.listConsistency is ${JSON.stringify(c.listConsistency)}`,
      );
      check(typeof c.multiProcess === "boolean", `capabilities.multiProcess is ${JSON.stringify(c.multiProcess)}`);
    }),
    kase("backend.close.idempotent", "close() twice resolves both times", async ({ backend }) => {
      await backend.close();
      await backend.close();
      await Promise.all([backend.close(), backend.close()]);
    }),
    kase(
      "backend.capabilities.declared",
      "capabilities a harness declares (adapters skip by them) equal what the backend reports",
      async (ctx) => {
        const declared = ctx.declaredCapabilities;
        if (!declared) return ctx.note("the harness declares no capabilities; the kit skips by the backend's own");
        for (const key of ["persistent", "listConsistency", "multiProcess"] as const) {
          check(
            declared[key] === ctx.backend.capabilities[key],
            `the harness declares capabilities.${key} = ${JSON.stringify(declared[key])}, the backend reports ${JSON.stringify(ctx.backend.capabilities[key])}: cases are skipped or run for a wrong reason`,
          );
        }
      },
    ),
    kase(
      "backend.close.everyMethodClosed",
      "after close() every method rejects with CLOSED, before validating its arguments",
      async ({ backend }) => {
        await backend.dialogues.createDialogue(newDialogue("d1"));
        const store = storeOf(backend);
        await backend.close();
        for (const valid of [true, false]) {
          for (const [name, call] of everyCall(backend, valid, store))
            await expectStoreError(call, "CLOSED", `${name} (${valid ? "valid" : "invalid"} arguments) after close`);
        }
      },
    ),
    kase(
      "backend.close.store",
      "store(schema) after close() throws CLOSED synchronously, checked before the schema",
      async ({ backend }) => {
        await backend.close();
        expectStoreThrows(() => storeOf(backend), "CLOSED", "a valid schema after close");
        expectStoreThrows(
          () => backend.store({ name: "bad name", key: (i: Item) => i }),
          "CLOSED",
          "a bad schema name after close (CLOSED is checked first)",
        );
      },
    ),
    kase(
      "errors.rejectedPromises",
      "bad calls reject with StoreErrors; no method throws synchronously or leaks a raw error",
      async ({ backend }) => {
        for (const [name, call] of everyCall(backend, false, storeOf(backend))) {
          let promise: Promise<unknown>;
          try {
            promise = call();
          } catch (e) {
            failCase(`${name}: threw synchronously: ${String(e)}`);
          }
          let resolved = false;
          try {
            await promise;
            resolved = true;
          } catch (e) {
            check(isStoreError(e), `${name}: rejected with a raw ${e instanceof Error ? e.name : typeof e}: ${String(e)}`);
            check(e.code === "VALIDATION", `${name}: rejected with ${e.code}, expected VALIDATION`);
            check(e instanceof Error && typeof e.message === "string" && e.message.length > 0, `${name}: a StoreError needs a message`);
          }
          if (resolved) failCase(`${name} with invalid arguments resolved; it must reject with VALIDATION`);
        }
      },
    ),
    kase(
      "errors.notFoundCodes",
      "missing entities are NOT_FOUND with a StoreError on every method that needs them",
      async ({ backend }) => {
        await expectStoreError(() => backend.dialogues.updateDialogue("d1", { title: "x" }), "NOT_FOUND", "updateDialogue");
        await expectStoreError(
          () => backend.dialogues.registerPerspective({ dialogueId: "d1", id: "p", round: 1, expert: "e", label: "l", content: "c" }),
          "NOT_FOUND",
          "registerPerspective",
        );
        await expectStoreError(
          () => backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t" }, "open", {}),
          "NOT_FOUND",
          "updateTensionStatus",
        );
        await expectStoreError(() => backend.dialogues.exportDialogue("d1"), "NOT_FOUND", "exportDialogue");
        await expectStoreError(() => backend.documents.updateDocument(1, { title: "x" }), "NOT_FOUND", "updateDocument");
        checkEqual(
          [
            await backend.dialogues.deleteDialogue("d1"),
            await backend.documents.deleteDocument(1),
            await backend.links.removeLink("document:1", "document:2", "k"),
          ],
          [false, false, false],
          "deletes of missing entities",
        );
      },
    ),
  ];
}
