import { randomUUID } from "node:crypto";
import type { DialogueSummary } from "../../src/types/entities";
import { isStoreError } from "../../src/errors";
import { TENSION_STATUSES } from "../../src/types/entities";
import { readClock } from "../../src/model/context";
import { allLinks, override, yieldTurn, type BrokenBackend } from "./wrap";

const dropNulls = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== null)
        .map(([k, x]) => [k, dropNulls(x)]),
    );
  return v;
};

/** Broken dialogue stores. */
export const brokenDialogueBackends: BrokenBackend[] = [
  {
    name: "dropped-event",
    breaks: "a status change's event is missing from the history",
    mustFail: [
      "dialogues.updateTensionStatus.recordsEvent",
      "dialogues.updateTensionStatus.concurrentContiguous",
      "export.exportDialogue.complete",
      "model.dialogues",
    ],
    alsoFails: [
      {
        cases: ["limits.tension.statusRoom", "clock.lastInstant", "concurrency.contention.statusChanges"],
        because: "they check the event history of an export",
      },
      {
        cases: ["enumeration.stream.everyItemOnce", "enumeration.restore.reproduces", "enumeration.restore.otherKind"],
        because: "enumeration streams dialogue exports",
      },
      {
        cases: [
          "dialogues.updateTensionStatus.sameStatus",
          "dialogues.updateTensionStatus.neverBackwards",
          "dialogues.updateTensionStatus.atomic",
        ],
        because: "they read the event history from the export",
      },
      {
        cases: [
          "export.importDialogue.fidelity",
          "export.importDialogue.acrossBackends",
          "export.importDialogue.continues",
          "export.importDialogue.conflictFail",
          "export.importDialogue.conflictSkip",
          "export.importDialogue.conflictReplace",
          "export.importDialogue.malformed",
          "model.mixed",
        ],
        because: "an export missing an event no longer matches the tension's status or re-imports unchanged",
      },
    ],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          exportDialogue: async (id) => {
            const e = await d.exportDialogue(id);
            for (const t of e.tensions) if (t.events.length > 1) t.events.pop();
            return e;
          },
        }),
      }),
  },
  {
    name: "non-atomic-status",
    breaks: "updateTensionStatus checks ifStatus, then writes in a separate step",
    mustFail: ["dialogues.updateTensionStatus.atomic"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          updateTensionStatus: async (id, status, event, options) => {
            if (options?.ifStatus === undefined) return d.updateTensionStatus(id, status, event, options);
            const e = await d.exportDialogue(id.dialogueId);
            const current = e.tensions.find((t) => t.id === id.tensionId);
            await yieldTurn();
            if (current && current.status !== options.ifStatus) return d.updateTensionStatus(id, status, event, options);
            return d.updateTensionStatus(id, status, event);
          },
        }),
      }),
  },
  {
    name: "ignores-if-status",
    breaks: "updateTensionStatus ignores ifStatus",
    mustFail: [
      "dialogues.updateTensionStatus.ifStatusMismatch",
      "dialogues.updateTensionStatus.atomic",
      "model.dialogues",
      "errors.details.conflict",
    ],
    alsoFails: [{ cases: ["model.mixed"], because: "the model's conditional status changes go through" }],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          // A malformed ifStatus is still passed on (VALIDATION); a well-formed one is ignored.
          updateTensionStatus: (id, status, event, options) =>
            TENSION_STATUSES.includes(options?.ifStatus as never)
              ? d.updateTensionStatus(id, status, event)
              : d.updateTensionStatus(id, status, event, options),
        }),
      }),
  },
  {
    name: "export-missing-links",
    breaks: "exportDialogue leaves out the dialogue's links",
    mustFail: ["export.exportDialogue.complete", "export.importDialogue.fidelity"],
    alsoFails: [
      { cases: ["export.importDialogue.acrossBackends", "model.mixed"], because: "their exports are compared with the links included" },
    ],
    wrap: (b) => override(b, { dialogues: (d) => ({ exportDialogue: async (id) => ({ ...(await d.exportDialogue(id)), links: [] }) }) }),
  },
  {
    name: "prefix-cascade",
    breaks: "deleteDialogue(d1) also removes links of d10 (string prefix instead of address segments)",
    mustFail: ["dialogues.deleteDialogue.siblingsKept"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          deleteDialogue: async (id) => {
            const removed = await d.deleteDialogue(id);
            if (removed)
              for (const l of await allLinks(b.links))
                if (l.from.startsWith(`dialogue:${id}`) || l.to.startsWith(`dialogue:${id}`))
                  await b.links.removeLink(l.from, l.to, l.kind);
            return removed;
          },
        }),
      }),
  },
  {
    name: "id-descending-ties",
    breaks: "listDialogues breaks updatedAt ties by id descending",
    mustFail: ["dialogues.listDialogues.order"],
    alsoFails: [
      {
        cases: [
          "dialogues.listDialogues.statusFilter",
          "dialogues.listDialoguesPage.everyPageSize",
          "dialogues.listDialoguesPage.statusFilter",
          "model.dialogues",
          "model.mixed",
        ],
        because: "they compare listDialogues with the paged listing, whose ties stay in id order",
      },
    ],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          listDialogues: async (status) =>
            (await d.listDialogues(status)).sort((x: DialogueSummary, y: DialogueSummary) =>
              x.updatedAt === y.updatedAt ? (x.id < y.id ? 1 : -1) : x.updatedAt < y.updatedAt ? 1 : -1,
            ),
        }),
      }),
  },
  {
    name: "status-filter-ignored",
    breaks: "listDialogues(status) returns every status",
    mustFail: ["dialogues.listDialogues.statusFilter"],
    alsoFails: [
      { cases: ["iterate.entities"], because: "it compares the filtered iteration with listDialogues(status)" },
      {
        cases: ["dialogues.listDialoguesPage.statusFilter", "model.dialogues", "model.mixed"],
        because: "they compare filtered listings with the unfiltered one",
      },
    ],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          listDialogues: async (status) => {
            if (status !== undefined) await d.listDialogues(status); // validates the status, then ignores it
            return d.listDialogues();
          },
        }),
      }),
  },
  {
    name: "partial-import",
    breaks: "importDialogue writes the dialogue before it has validated the whole export",
    mustFail: ["export.importDialogue.malformed"],
    alsoFails: [{ cases: ["validation.options.dialogues"], because: "an import rejected for its options still creates the dialogue" }],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          importDialogue: async (e, options) => {
            try {
              return await d.importDialogue(e, options);
            } catch (err) {
              if (isStoreError(err, "VALIDATION") && e?.dialogue?.id && /^[a-z0-9]+$/i.test(e.dialogue.id))
                await d.createDialogue({ id: e.dialogue.id, title: e.dialogue.title ?? "x" }).catch(() => undefined);
              throw err;
            }
          },
        }),
      }),
  },
  {
    name: "skip-overwrites",
    breaks: "importDialogue onConflict skip replaces the existing dialogue",
    mustFail: ["export.importDialogue.conflictSkip"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          importDialogue: (e, options) => d.importDialogue(e, options?.onConflict === "skip" ? { onConflict: "replace" } : options),
        }),
      }),
  },
  {
    name: "stale-unresolved-count",
    breaks: "summaries count every tension as unresolved",
    mustFail: ["dialogues.summary.counts", "dialogues.updateTensionStatus.counts", "model.dialogues"],
    alsoFails: [
      {
        cases: [
          "dialogues.registerTension.initialStatus",
          "dialogues.listDialogues.followsUpdates",
          "export.importDialogue.continues",
          "export.importDialogue.conflictReplace",
          "model.mixed",
        ],
        because: "they read unresolvedTensionCount from the listing",
      },
    ],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          listDialogues: async (status) => (await d.listDialogues(status)).map((s) => ({ ...s, unresolvedTensionCount: s.tensionCount })),
        }),
      }),
  },
  {
    name: "updated-at-backwards",
    breaks: "updateDialogue sets updatedAt to the clock even when the clock went back",
    mustFail: ["dialogues.updateDialogue.neverBackwards"],
    wrap: (b, clock) =>
      override(b, {
        dialogues: (d) => ({
          updateDialogue: async (id, patch) => {
            const next = await d.updateDialogue(id, patch);
            const now = clock().toISOString();
            if (now >= next.updatedAt) return next;
            const e = await d.exportDialogue(id);
            e.dialogue.updatedAt = now < e.dialogue.createdAt ? e.dialogue.createdAt : now;
            await d.importDialogue(e, { onConflict: "replace" });
            return e.dialogue;
          },
        }),
      }),
  },
  {
    name: "drops-null-metadata",
    breaks: "null values inside metadata are lost (a marshalling bug)",
    mustFail: ["dialogues.createDialogue.roundtrip"],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          getDialogue: async (id) => {
            const x = await d.getDialogue(id);
            return x && (dropNulls(x) as typeof x);
          },
        }),
      }),
  },
  {
    name: "random-generated-ids",
    breaks: "generated dialogue ids are random, not time-sortable",
    mustFail: ["dialogues.createDialogue.generatedId"],
    wrap: (b, clock) =>
      override(b, {
        // It still reads the clock (a bad clock is CONFIG), it just ignores the time.
        dialogues: (d) => ({
          createDialogue: async (x) =>
            d.createDialogue(x && typeof x === "object" && x.id === undefined ? { ...x, id: (readClock(clock), randomUUID()) } : x),
        }),
      }),
  },
  {
    name: "export-insertion-order",
    breaks: "exports list perspectives by id only, not by (round, id)",
    mustFail: ["export.exportDialogue.complete", "dialogues.registerPerspective.roundtrip"],
    alsoFails: [{ cases: ["export.importDialogue.acrossBackends"], because: "it compares exports in contract order" }],
    wrap: (b) =>
      override(b, {
        dialogues: (d) => ({
          exportDialogue: async (id) => {
            const e = await d.exportDialogue(id);
            e.perspectives.sort((x, y) => (x.id < y.id ? -1 : 1));
            return e;
          },
        }),
      }),
  },
];
