import { isStoreError } from "../../errors";
import { check, checkEqual } from "../assert";
import type { ConformanceCase } from "../types";
import { storeOf } from "./generic";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";

/** Exactly one of the settled calls succeeded; the others failed with `code`. */
function exactlyOne(results: PromiseSettledResult<unknown>[], code: string, what: string): void {
  const won = results.filter((r) => r.status === "fulfilled").length;
  check(won === 1, `${what}: ${won} of ${results.length} concurrent callers succeeded; exactly one must`);
  for (const r of results) {
    if (r.status === "rejected")
      check(
        isStoreError(r.reason, code as never),
        `${what}: a losing caller failed with ${isStoreError(r.reason) ? r.reason.code : String(r.reason)}, not ${code}`,
      );
  }
}

/** Races on the same key: exactly one writer wins where the contract says so. */
export function concurrencyCases(): ConformanceCase[] {
  const N = 8;
  return [
    kase("concurrency.createDialogue.sameId", "of 8 concurrent creates of one id exactly one wins", async ({ backend }) => {
      const results = await Promise.allSettled(
        Array.from({ length: N }, (_, i) => backend.dialogues.createDialogue(newDialogue("d1", { title: `t${i}` }))),
      );
      exactlyOne(results, "ALREADY_EXISTS", "createDialogue");
      const winner = results.findIndex((r) => r.status === "fulfilled");
      checkEqual((await backend.dialogues.getDialogue("d1"))?.title, `t${winner}`, "the stored title (the winner's)");
    }),
    kase(
      "concurrency.registerTension.sameId",
      "of 8 concurrent registrations of one tension id exactly one wins; counters count it once",
      async (ctx) => {
        const { backend } = ctx;
        await backend.dialogues.createDialogue(newDialogue("d1"));
        exactlyOne(
          await Promise.allSettled(Array.from({ length: N }, () => backend.dialogues.registerTension(newTension("d1", "t1")))),
          "ALREADY_EXISTS",
          "registerTension",
        );
        exactlyOne(
          await Promise.allSettled(Array.from({ length: N }, () => backend.dialogues.registerPerspective(newPerspective("d1", "p1")))),
          "ALREADY_EXISTS",
          "registerPerspective",
        );
        await ctx.eventually(async () => {
          const [s] = await backend.dialogues.listDialogues();
          checkEqual(s && [s.perspectiveCount, s.tensionCount, s.unresolvedTensionCount], [1, 1, 1], "summary counts");
        });
      },
    ),
    kase("concurrency.registerTension.counters", "concurrent registrations of distinct entities are all counted", async (ctx) => {
      const { backend } = ctx;
      await backend.dialogues.createDialogue(newDialogue("d1"));
      await Promise.all(Array.from({ length: N }, (_, i) => backend.dialogues.registerTension(newTension("d1", `t${i}`))));
      await Promise.all(Array.from({ length: N }, (_, i) => backend.dialogues.registerPerspective(newPerspective("d1", `p${i}`))));
      await ctx.eventually(async () => {
        const [s] = await backend.dialogues.listDialogues();
        checkEqual(s && [s.perspectiveCount, s.tensionCount, s.unresolvedTensionCount], [N, N, N], "summary counts");
      });
    }),
    kase("concurrency.store.ifNotExists", "of 8 concurrent ifNotExists puts of one key exactly one wins", async ({ backend }) => {
      const s = storeOf(backend);
      const results = await Promise.allSettled(
        Array.from({ length: N }, (_, i) => s.put({ pk: "p", sk: "s", v: i }, { ifNotExists: true })),
      );
      exactlyOne(results, "ALREADY_EXISTS", "put ifNotExists");
      checkEqual(
        (await s.get("p", "s"))?.v,
        results.findIndex((r) => r.status === "fulfilled"),
        "the stored value (the winner's)",
      );
    }),
    kase("concurrency.importDialogue.sameId", "of 8 concurrent imports of one dialogue exactly one wins", async (ctx) => {
      await ctx.backend.dialogues.createDialogue(newDialogue("d1"));
      await ctx.backend.dialogues.registerTension(newTension("d1", "t1"));
      const e = await ctx.backend.dialogues.exportDialogue("d1");
      const fresh = await ctx.freshBackend();
      exactlyOne(
        await Promise.allSettled(Array.from({ length: N }, () => fresh.dialogues.importDialogue(e))),
        "ALREADY_EXISTS",
        "importDialogue",
      );
      checkEqual((await fresh.dialogues.exportDialogue("d1")).tensions.length, 1, "imported tensions");
    }),
  ];
}
