import { check, checkEqual, expectOk, expectStoreError } from "../assert";
import { KIT_EPOCH } from "../clock";
import type { ConformanceCase } from "../types";
import { kase, newDialogue, newPerspective, newTension, seedDialogue } from "./helpers";

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** createDialogue, getDialogue, updateDialogue, deleteDialogue, registerPerspective/Tension. */
export function dialogueCases(): ConformanceCase[] {
  return [
    kase("dialogues.createDialogue.roundtrip", "every field of a dialogue comes back as written", async ({ backend }) => {
      const metadata = { n: 1.5, neg: -3, nested: { list: [1, "two", null, true, { deep: "é😀" }] }, empty: {}, none: null };
      const id = await backend.dialogues.createDialogue({
        id: "d1",
        title: "Café 😀 title",
        question: "Why?\u0000 and\n",
        status: "converged",
        metadata,
        createdAt: "2025-05-06T07:08:09.123Z",
      });
      check(id === "d1", `createDialogue returned ${JSON.stringify(id)}, expected "d1"`);
      checkEqual(
        await backend.dialogues.getDialogue("d1"),
        {
          id: "d1",
          title: "Café 😀 title",
          question: "Why?\u0000 and\n",
          status: "converged",
          metadata,
          createdAt: "2025-05-06T07:08:09.123Z",
          updatedAt: "2025-05-06T07:08:09.123Z",
        },
        "getDialogue",
      );
    }),
    kase(
      "dialogues.createDialogue.defaults",
      "status defaults to open, timestamps to the clock, optional fields stay absent",
      async ({ backend }) => {
        await backend.dialogues.createDialogue({ id: "d1", title: "t" });
        checkEqual(
          await backend.dialogues.getDialogue("d1"),
          { id: "d1", title: "t", status: "open", createdAt: KIT_EPOCH, updatedAt: KIT_EPOCH },
          "getDialogue",
        );
      },
    ),
    kase(
      "dialogues.createDialogue.generatedId",
      "without an id the store generates valid, unique, time-sortable ids",
      async ({ backend, clock }) => {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          ids.push(await backend.dialogues.createDialogue({ title: `t${i}` }));
          clock.advance(1000);
        }
        for (const id of ids)
          check(typeof id === "string" && ID_PATTERN.test(id), `generated id ${JSON.stringify(id)} does not match the id pattern`);
        check(new Set(ids).size === ids.length, `generated ids repeat: ${ids.join(", ")}`);
        const sorted = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        checkEqual(ids, sorted, "ids generated a second apart, in creation order (they must sort by time)");
        for (const id of ids) check((await backend.dialogues.getDialogue(id)) !== null, `generated id ${id} cannot be read back`);
      },
    ),
    kase("dialogues.createDialogue.sameMillisecondIds", "ids generated within one millisecond are unique", async ({ backend }) => {
      const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => backend.dialogues.createDialogue({ title: `t${i}` })));
      check(new Set(ids).size === 10, `generated ids repeat: ${ids.join(", ")}`);
    }),
    kase("dialogues.createDialogue.alreadyExists", "a taken id is ALREADY_EXISTS and the original stays", async ({ backend, clock }) => {
      await backend.dialogues.createDialogue(newDialogue("d1", { title: "first" }));
      clock.tick();
      await expectStoreError(
        () => backend.dialogues.createDialogue(newDialogue("d1", { title: "second" })),
        "ALREADY_EXISTS",
        "createDialogue with a taken id",
      );
      const d = await backend.dialogues.getDialogue("d1");
      check(d?.title === "first" && d.updatedAt === KIT_EPOCH, `the original dialogue changed: ${JSON.stringify(d)}`);
    }),
    kase("dialogues.getDialogue.missing", "getDialogue of an unknown id is null", async ({ backend }) => {
      checkEqual(await backend.dialogues.getDialogue("nope"), null, "getDialogue(nope)");
    }),
    kase("dialogues.getDialogue.invalidId", "getDialogue with an invalid id is VALIDATION", async ({ backend }) => {
      await expectStoreError(() => backend.dialogues.getDialogue("bad id"), "VALIDATION", "getDialogue('bad id')");
    }),
    kase(
      "dialogues.updateDialogue.fields",
      "updateDialogue changes title, question, status, metadata and moves updatedAt",
      async ({ backend, clock }) => {
        await backend.dialogues.createDialogue(newDialogue("d1"));
        const at = clock.advance(5000);
        const expected = {
          id: "d1",
          title: "new",
          question: "q?",
          status: "abandoned",
          metadata: { a: [1] },
          createdAt: KIT_EPOCH,
          updatedAt: at,
        };
        checkEqual(
          await backend.dialogues.updateDialogue("d1", { title: "new", question: "q?", status: "abandoned", metadata: { a: [1] } }),
          expected,
          "updateDialogue result",
        );
        checkEqual(await backend.dialogues.getDialogue("d1"), expected, "getDialogue after update");
      },
    ),
    kase("dialogues.updateDialogue.partial", "fields absent from the patch keep their values", async ({ backend, clock }) => {
      await backend.dialogues.createDialogue(newDialogue("d1", { question: "q", metadata: { k: 1 } }));
      const at = clock.tick();
      checkEqual(
        await backend.dialogues.updateDialogue("d1", { status: "converged" }),
        {
          id: "d1",
          title: "Dialogue d1",
          question: "q",
          status: "converged",
          metadata: { k: 1 },
          createdAt: KIT_EPOCH,
          updatedAt: at,
        },
        "updateDialogue result",
      );
    }),
    kase("dialogues.updateDialogue.removeOptional", "null removes question and metadata", async ({ backend, clock }) => {
      await backend.dialogues.createDialogue(newDialogue("d1", { question: "q", metadata: { k: 1 } }));
      const at = clock.tick();
      await backend.dialogues.updateDialogue("d1", { question: null, metadata: null });
      checkEqual(
        await backend.dialogues.getDialogue("d1"),
        { id: "d1", title: "Dialogue d1", status: "open", createdAt: KIT_EPOCH, updatedAt: at },
        "getDialogue",
      );
    }),
    kase("dialogues.updateDialogue.notFound", "updateDialogue of a missing dialogue is NOT_FOUND", async ({ backend }) => {
      await expectStoreError(() => backend.dialogues.updateDialogue("nope", { title: "x" }), "NOT_FOUND", "updateDialogue(nope)");
    }),
    kase(
      "dialogues.updateDialogue.validationFirst",
      "a bad patch is VALIDATION whether or not the dialogue exists",
      async ({ backend }) => {
        await expectStoreError(
          () => backend.dialogues.updateDialogue("nope", { status: "closed" as never }),
          "VALIDATION",
          "bad status on a missing dialogue",
        );
        await backend.dialogues.createDialogue(newDialogue("d1"));
        await expectStoreError(() => backend.dialogues.updateDialogue("d1", { title: "" }), "VALIDATION", "empty title");
        await expectStoreError(() => backend.dialogues.updateDialogue("d1", { id: "x" } as never), "VALIDATION", "patching the id");
        await expectStoreError(() => backend.dialogues.updateDialogue("d1", { metadata: [1] as never }), "VALIDATION", "array metadata");
        checkEqual((await backend.dialogues.getDialogue("d1"))?.title, "Dialogue d1", "title after rejected patches");
      },
    ),
    kase("dialogues.updateDialogue.neverBackwards", "updatedAt never moves backwards when the clock does", async ({ backend, clock }) => {
      await backend.dialogues.createDialogue(newDialogue("d1"));
      const later = clock.advance(60_000);
      await backend.dialogues.updateDialogue("d1", { title: "a" });
      clock.advance(-30_000);
      const d = await backend.dialogues.updateDialogue("d1", { title: "b" });
      check(d.updatedAt === later, `updatedAt moved from ${later} to ${d.updatedAt} (backwards)`);
    }),
    kase(
      "dialogues.deleteDialogue.removesEverything",
      "deleteDialogue removes the dialogue, its entities, its links and its listing",
      async (ctx) => {
        const { backend } = ctx;
        await seedDialogue(ctx, "d1", { perspectives: 2, tensions: 2 });
        await backend.links.addLink({ from: "dialogue:d1/tension:t0", to: "document:7", kind: "cites" });
        await backend.links.addLink({ from: "document:7", to: "dialogue:d1", kind: "about" });
        check((await backend.dialogues.deleteDialogue("d1")) === true, "deleteDialogue(d1) must return true");
        checkEqual(await backend.dialogues.getDialogue("d1"), null, "getDialogue after delete");
        await expectStoreError(() => backend.dialogues.exportDialogue("d1"), "NOT_FOUND", "exportDialogue after delete");
        checkEqual(await backend.links.linksFrom("document:7"), [], "links from document:7 after deleting the dialogue");
        checkEqual(await backend.links.linksTo("document:7"), [], "links to document:7 after deleting the dialogue");
        await ctx.eventually(async () => checkEqual(await backend.dialogues.listDialogues(), [], "listDialogues after delete"));
      },
    ),
    kase("dialogues.deleteDialogue.missing", "deleteDialogue of an unknown id is false", async ({ backend }) => {
      checkEqual(await backend.dialogues.deleteDialogue("nope"), false, "deleteDialogue(nope)");
    }),
    kase("dialogues.deleteDialogue.recreate", "a dialogue re-created after a delete starts empty", async (ctx) => {
      await seedDialogue(ctx, "d1", { perspectives: 1, tensions: 1 });
      await ctx.backend.dialogues.deleteDialogue("d1");
      await ctx.backend.dialogues.createDialogue(newDialogue("d1"));
      const e = await ctx.backend.dialogues.exportDialogue("d1");
      checkEqual([e.perspectives.length, e.tensions.length], [0, 0], "[perspectives, tensions] of the re-created dialogue");
      await expectOk(ctx.backend.dialogues.registerTension(newTension("d1", "t0")), "registering a tension id used before the delete");
      const again = await ctx.backend.dialogues.exportDialogue("d1");
      checkEqual(
        again.tensions[0]?.events.map((ev) => ev.seq),
        [1],
        "event seqs of the re-registered tension",
      );
    }),
    kase("dialogues.deleteDialogue.siblingsKept", "deleting d1 keeps d10 and links of d10 (ids that extend another id)", async (ctx) => {
      await seedDialogue(ctx, "d1", { tensions: 1 });
      await seedDialogue(ctx, "d10", { tensions: 1 });
      await ctx.backend.links.addLink({ from: "dialogue:d10", to: "dialogue:d1", kind: "follows" });
      await ctx.backend.links.addLink({ from: "dialogue:d10/tension:t0", to: "document:1", kind: "cites" });
      await ctx.backend.dialogues.deleteDialogue("d1");
      check((await ctx.backend.dialogues.getDialogue("d10")) !== null, "d10 disappeared with d1");
      checkEqual(
        (await ctx.backend.links.linksFrom("dialogue:d10/tension:t0")).map((l) => l.to),
        ["document:1"],
        "links of d10",
      );
      checkEqual(await ctx.backend.links.linksFrom("dialogue:d10"), [], "the link d10 -> d1 (it must go with d1)");
    }),
    kase("dialogues.registerPerspective.roundtrip", "every field of a perspective comes back in the export", async ({ backend, clock }) => {
      await backend.dialogues.createDialogue(newDialogue("d1"));
      const at = clock.tick();
      await backend.dialogues.registerPerspective({
        dialogueId: "d1",
        id: "p1",
        round: 3,
        expert: "Ada",
        label: "",
        content: "Ünïcode 😀 \u0000 text",
        metadata: { score: 0.25 },
      });
      await backend.dialogues.registerPerspective({
        dialogueId: "d1",
        id: "p2",
        round: 0,
        expert: "Bob",
        label: "l",
        content: "c",
        createdAt: "2024-01-01T00:00:00.000Z",
      });
      const e = await backend.dialogues.exportDialogue("d1");
      checkEqual(
        e.perspectives,
        [
          { dialogueId: "d1", id: "p2", round: 0, expert: "Bob", label: "l", content: "c", createdAt: "2024-01-01T00:00:00.000Z" },
          {
            dialogueId: "d1",
            id: "p1",
            round: 3,
            expert: "Ada",
            label: "",
            content: "Ünïcode 😀 \u0000 text",
            createdAt: at,
            metadata: { score: 0.25 },
          },
        ],
        "exported perspectives (by round, id)",
      );
    }),
    kase("dialogues.registerPerspective.dialogueMissing", "registering into a missing dialogue is NOT_FOUND", async ({ backend }) => {
      await expectStoreError(
        () => backend.dialogues.registerPerspective(newPerspective("nope", "p1")),
        "NOT_FOUND",
        "registerPerspective into nope",
      );
    }),
    kase(
      "dialogues.registerPerspective.alreadyExists",
      "a taken perspective id is ALREADY_EXISTS; the same id in another dialogue is fine",
      async ({ backend }) => {
        await backend.dialogues.createDialogue(newDialogue("d1"));
        await backend.dialogues.createDialogue(newDialogue("d2"));
        await backend.dialogues.registerPerspective(newPerspective("d1", "p1", 1, { content: "first" }));
        await expectStoreError(
          () => backend.dialogues.registerPerspective(newPerspective("d1", "p1", 2, { content: "second" })),
          "ALREADY_EXISTS",
          "second p1 in d1",
        );
        await expectOk(backend.dialogues.registerPerspective(newPerspective("d2", "p1")), "p1 in d2");
        const e = await backend.dialogues.exportDialogue("d1");
        checkEqual(
          e.perspectives.map((p) => p.content),
          ["first"],
          "contents of d1's perspectives",
        );
      },
    ),
    kase(
      "dialogues.registerPerspective.movesUpdatedAt",
      "registering a perspective moves the dialogue's updatedAt",
      async ({ backend, clock }) => {
        await backend.dialogues.createDialogue(newDialogue("d1"));
        const at = clock.advance(2500);
        await backend.dialogues.registerPerspective(newPerspective("d1", "p1"));
        checkEqual((await backend.dialogues.getDialogue("d1"))?.updatedAt, at, "dialogue updatedAt");
      },
    ),
    kase(
      "dialogues.registerTension.roundtrip",
      "every field of a tension and its first event come back in the export",
      async ({ backend, clock }) => {
        await backend.dialogues.createDialogue(newDialogue("d1"));
        const at = clock.tick();
        await backend.dialogues.registerTension({
          dialogueId: "d1",
          id: "T01",
          round: 2,
          expert: "Ada",
          label: "L",
          content: "why 😀",
          metadata: { tags: ["x"] },
        });
        const e = await backend.dialogues.exportDialogue("d1");
        checkEqual(
          e.tensions,
          [
            {
              dialogueId: "d1",
              id: "T01",
              round: 2,
              expert: "Ada",
              label: "L",
              content: "why 😀",
              status: "open",
              createdAt: at,
              updatedAt: at,
              metadata: { tags: ["x"] },
              events: [{ seq: 1, status: "open", at, round: 2, actor: "Ada" }],
            },
          ],
          "exported tensions",
        );
        checkEqual((await backend.dialogues.getDialogue("d1"))?.updatedAt, at, "dialogue updatedAt after registerTension");
      },
    ),
    kase(
      "dialogues.registerTension.initialStatus",
      "a tension registered as resolved starts resolved and is not counted unresolved",
      async (ctx) => {
        const { backend } = ctx;
        await backend.dialogues.createDialogue(newDialogue("d1"));
        await backend.dialogues.registerTension(newTension("d1", "t1", 1, { status: "resolved" }));
        await backend.dialogues.registerTension(newTension("d1", "t2", 1, { status: "addressed" }));
        const e = await backend.dialogues.exportDialogue("d1");
        checkEqual(
          e.tensions.map((t) => [t.status, t.events.map((ev) => ev.status)]),
          [
            ["resolved", ["resolved"]],
            ["addressed", ["addressed"]],
          ],
          "statuses and events",
        );
        await ctx.eventually(async () => {
          const [s] = await backend.dialogues.listDialogues();
          checkEqual([s?.tensionCount, s?.unresolvedTensionCount], [2, 1], "[tensionCount, unresolvedTensionCount]");
        });
      },
    ),
    kase("dialogues.registerTension.dialogueMissing", "registering a tension into a missing dialogue is NOT_FOUND", async ({ backend }) => {
      await expectStoreError(() => backend.dialogues.registerTension(newTension("nope", "t1")), "NOT_FOUND", "registerTension into nope");
    }),
    kase("dialogues.registerTension.alreadyExists", "a taken tension id is ALREADY_EXISTS and nothing changes", async (ctx) => {
      const { backend, clock } = ctx;
      await backend.dialogues.createDialogue(newDialogue("d1"));
      await backend.dialogues.registerTension(newTension("d1", "t1"));
      clock.tick();
      await expectStoreError(
        () => backend.dialogues.registerTension(newTension("d1", "t1", 5, { status: "resolved" })),
        "ALREADY_EXISTS",
        "second t1",
      );
      const e = await backend.dialogues.exportDialogue("d1");
      checkEqual(
        e.tensions.map((t) => [t.round, t.status, t.events.length]),
        [[1, "open", 1]],
        "t1 after the rejected duplicate",
      );
      await ctx.eventually(async () => {
        const [s] = await backend.dialogues.listDialogues();
        checkEqual([s?.tensionCount, s?.unresolvedTensionCount, s?.updatedAt], [1, 1, KIT_EPOCH], "summary after the rejected duplicate");
      });
    }),
    kase("dialogues.summary.counts", "summaries count perspectives, tensions and unresolved tensions", async (ctx) => {
      await seedDialogue(ctx, "d1", { perspectives: 3, tensions: 4 });
      await ctx.backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t0" }, "resolved", {});
      await ctx.backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "addressed", {});
      await ctx.backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t2" }, "resolved", {});
      await ctx.backend.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t2" }, "open", {});
      await ctx.eventually(async () => {
        const [s] = await ctx.backend.dialogues.listDialogues();
        checkEqual(
          s && [s.perspectiveCount, s.tensionCount, s.unresolvedTensionCount],
          [3, 4, 3],
          "[perspectiveCount, tensionCount, unresolvedTensionCount]",
        );
      });
    }),
    kase("dialogues.summary.fields", "a summary carries exactly id, title, status, timestamps and counts", async (ctx) => {
      const { backend, clock } = ctx;
      await backend.dialogues.createDialogue(newDialogue("d1", { question: "q", metadata: { big: "x" } }));
      const at = clock.tick();
      await backend.dialogues.registerPerspective(newPerspective("d1", "p1"));
      await ctx.eventually(async () =>
        checkEqual(
          await backend.dialogues.listDialogues(),
          [
            {
              id: "d1",
              title: "Dialogue d1",
              status: "open",
              createdAt: KIT_EPOCH,
              updatedAt: at,
              perspectiveCount: 1,
              tensionCount: 0,
              unresolvedTensionCount: 0,
            },
          ],
          "listDialogues",
        ),
      );
    }),
  ];
}
