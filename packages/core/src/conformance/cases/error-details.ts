import type { StoreErrorCode, StoreErrorDetails } from "../../errors";
import type { StorageBackend } from "../../types/stores";
import { check, checkEqual, expectStoreError } from "../assert";
import type { CaseContext, ConformanceCase } from "../types";
import { storeOf } from "./generic";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";

/** One error situation of the contract: the call, the `details` it must carry, what its message names. */
interface Situation {
  what: string;
  call: () => Promise<unknown>;
  details: StoreErrorDetails;
  /** Words the message must contain: the entity's kind and its ids. */
  names: string[];
}

/** Runs each situation: its code, exactly its `details`, and a message that names the entity. */
async function expectSituations(code: StoreErrorCode, situations: Situation[]): Promise<void> {
  for (const s of situations) {
    const e = await expectStoreError(s.call, code, s.what);
    checkEqual(e.details, s.details, `details of ${code} from ${s.what}`);
    for (const word of s.names)
      check(e.message.includes(word), `the message of ${s.what} does not name ${JSON.stringify(word)}: ${JSON.stringify(e.message)}`);
  }
}

const dialogue = (dialogueId: string) => ({ details: { entity: "dialogue", dialogueId }, names: ["dialogue", dialogueId] });
const tension = (dialogueId: string, tensionId: string) => ({
  details: { entity: "tension", dialogueId, tensionId },
  names: ["tension", `${dialogueId}/${tensionId}`],
});
const perspective = (dialogueId: string, perspectiveId: string) => ({
  details: { entity: "perspective", dialogueId, perspectiveId },
  names: ["perspective", `${dialogueId}/${perspectiveId}`],
});
const document = (documentId: number) => ({ details: { entity: "document", documentId }, names: ["document", String(documentId)] });

/** A dialogue d1 with perspective p1 and open tension t1, and one document; returns the document's id. */
async function seed({ backend, clock }: CaseContext): Promise<number> {
  await backend.dialogues.createDialogue(newDialogue("d1"));
  await backend.dialogues.registerPerspective(newPerspective("d1", "p1"));
  await backend.dialogues.registerTension(newTension("d1", "t1"));
  clock.tick();
  return backend.documents.addDocument({ title: "t", body: "b" });
}

const event = { round: 2, actor: "kit" };

function notFoundSituations(b: StorageBackend, docId: number): Situation[] {
  const d = b.dialogues;
  return [
    { what: "updateDialogue of a missing dialogue", call: () => d.updateDialogue("nope", { title: "x" }), ...dialogue("nope") },
    {
      what: "registerPerspective in a missing dialogue",
      call: () => d.registerPerspective(newPerspective("nope", "p1")),
      ...dialogue("nope"),
    },
    { what: "registerTension in a missing dialogue", call: () => d.registerTension(newTension("nope", "t1")), ...dialogue("nope") },
    {
      what: "updateTensionStatus in a missing dialogue",
      call: () => d.updateTensionStatus({ dialogueId: "nope", tensionId: "t1" }, "addressed", event),
      ...dialogue("nope"),
    },
    {
      what: "updateTensionStatus of a missing tension",
      call: () => d.updateTensionStatus({ dialogueId: "d1", tensionId: "t9" }, "addressed", event),
      ...tension("d1", "t9"),
    },
    { what: "exportDialogue of a missing dialogue", call: () => d.exportDialogue("nope"), ...dialogue("nope") },
    {
      what: "updateDocument of a missing document",
      call: () => b.documents.updateDocument(docId + 1000, { title: "x" }),
      ...document(docId + 1000),
    },
  ];
}

/** Error `details` are part of the contract: every backend gives the same ones (see contract.md, Errors). */
export function errorDetailCases(): ConformanceCase[] {
  return [
    kase(
      "errors.details.notFound",
      "NOT_FOUND names the missing entity: details { entity, …its ids } and a message naming it, for every method that needs one",
      async (ctx) => {
        const docId = await seed(ctx);
        await expectSituations("NOT_FOUND", notFoundSituations(ctx.backend, docId));
      },
    ),
    kase(
      "errors.details.alreadyExists",
      "ALREADY_EXISTS names the taken entity: details { entity, …its ids } and a message naming it, for every kind of id or key",
      async (ctx) => {
        const docId = await seed(ctx);
        const { backend: b } = ctx;
        const d = b.dialogues;
        const exported = await d.exportDialogue("d1");
        const doc = (await b.documents.getDocument(docId))!;
        const items = storeOf(b, "kit-errors");
        await items.put({ pk: "p", sk: "s" });
        await expectSituations("ALREADY_EXISTS", [
          { what: "createDialogue with a taken id", call: () => d.createDialogue(newDialogue("d1")), ...dialogue("d1") },
          {
            what: "registerPerspective with a taken id",
            call: () => d.registerPerspective(newPerspective("d1", "p1")),
            ...perspective("d1", "p1"),
          },
          { what: "registerTension with a taken id", call: () => d.registerTension(newTension("d1", "t1")), ...tension("d1", "t1") },
          { what: "importDialogue of an existing dialogue (onConflict fail)", call: () => d.importDialogue(exported), ...dialogue("d1") },
          {
            what: "importDocument of an existing document (onConflict fail)",
            call: () => b.documents.importDocument(doc),
            ...document(docId),
          },
          {
            what: "put ifNotExists on a taken key",
            call: () => items.put({ pk: "p", sk: "s", v: 2 }, { ifNotExists: true }),
            details: { entity: "item", store: "kit-errors", pk: "p", sk: "s" },
            names: ["item", "kit-errors"],
          },
        ]);
      },
    ),
    kase(
      "errors.details.conflict",
      "CONDITION_FAILED says which condition failed: the tension with its current and expected status, or the transaction's operation index",
      async (ctx) => {
        await seed(ctx);
        const items = storeOf(ctx.backend, "kit-errors");
        await expectSituations("CONDITION_FAILED", [
          {
            what: "updateTensionStatus with a stale ifStatus",
            call: () =>
              ctx.backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "resolved", event, {
                ifStatus: "addressed",
              }),
            details: { entity: "tension", dialogueId: "d1", tensionId: "t1", current: "open", expected: "addressed" },
            names: ["tension", "d1/t1", "open", "addressed"],
          },
          {
            what: "transact whose second operation's check fails",
            call: () => items.transact([{ put: { pk: "p", sk: "a" } }, { check: { pk: "p", sk: "missing" }, exists: true }]),
            details: { index: 1 },
            names: ["ops[1]"],
          },
        ]);
      },
    ),
  ];
}
