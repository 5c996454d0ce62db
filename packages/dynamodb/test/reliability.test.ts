import { QueryCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { isStoreError, type DialogueExport, type StorageBackend } from "@blue/store-core";
import { encodeKey } from "@blue/store-core/engine";
import { openDynamoStorage, tableName } from "../src";
import { connectionReset, inject } from "./support/faults";
import { freshBackend, localClient, steppingClock } from "./support/local";

// Regression tests of issue 15, items 1 and 6 (DynamoDB only: the other engines run these
// operations in one transaction).
describe("issue 15", () => {
  let client: DynamoDBClient;
  let b: StorageBackend;
  let prefix: string;
  let dispose: () => Promise<void>;
  const others: Array<{ backend: StorageBackend; client: DynamoDBClient }> = [];

  beforeEach(async () => {
    client = localClient({ maxAttempts: 2 });
    const fresh = await freshBackend({ client, clock: steppingClock(), retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    b = fresh.backend;
    prefix = fresh.prefix;
    dispose = fresh.dispose;
  });
  afterEach(async () => {
    for (const o of others.splice(0)) {
      await o.backend.close();
      o.client.destroy();
    }
    await dispose();
    client.destroy();
  });

  /** Another handle on the same table, with its own client (another process, as far as DynamoDB can tell). */
  async function otherHandle(): Promise<{ backend: StorageBackend; client: DynamoDBClient }> {
    const c = localClient();
    const handle = { backend: await openDynamoStorage({ client: c, tablePrefix: prefix, clock: steppingClock() }), client: c };
    others.push(handle);
    return handle;
  }

  const strip = (e: DialogueExport) => ({ ...e, exportedAt: "" });

  describe("item 1: concurrent importDialogue(…, { onConflict: 'replace' }) of one id", () => {
    /** Variant n of dialogue "x": its own title and `count` perspectives of its own. */
    function variant(n: number, count: number): DialogueExport {
      return {
        format: "blue.dialogue-export",
        version: 1,
        exportedAt: "2026-01-01T00:00:00.000Z",
        dialogue: {
          id: "x",
          title: `variant ${n}`,
          status: "open",
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
        },
        perspectives: Array.from({ length: count }, (_, i) => ({
          dialogueId: "x",
          id: `v${n}p${String(i).padStart(4, "0")}`,
          round: 1,
          expert: "e",
          label: "l",
          content: `variant ${n}`,
          createdAt: "2026-01-01T00:00:00.000Z",
        })),
        tensions: [],
        links: [{ from: "dialogue:x", to: `document:${n + 1}`, kind: "cites", createdAt: "2026-01-01T00:00:00.000Z" }],
      };
    }

    async function expectExactlyOneOf(variants: DialogueExport[]) {
      const back = strip(await b.dialogues.exportDialogue("x"));
      const matches = variants.filter((v) => JSON.stringify(strip(v)) === JSON.stringify(back));
      expect({ title: back.dialogue.title, perspectives: back.perspectives.length, matches: matches.length }).toEqual({
        title: back.dialogue.title,
        perspectives: back.perspectives.length,
        matches: 1,
      });
      const [summary] = await b.dialogues.listDialogues();
      expect(summary!.perspectiveCount).toBe(back.perspectives.length);
      expect((await b.links.linksFrom("dialogue:x")).map((l) => l.to)).toEqual(back.links.map((l) => l.to));
    }

    it("three clients replacing at once: every call succeeds, and the export is exactly one variant", async () => {
      await b.dialogues.importDialogue(variant(0, 30));
      const handles = [{ backend: b }, await otherHandle(), await otherHandle()];
      const variants = [variant(1, 300), variant(2, 280), variant(3, 40)];
      const results = await Promise.allSettled(
        handles.map((h, i) => h.backend.dialogues.importDialogue(variants[i]!, { onConflict: "replace" })),
      );
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
      await expectExactlyOneOf(variants);
    }, 60_000);

    it("one client reads the header late (its GetItem answer held back): still serialized, the last writer wins whole", async () => {
      await b.dialogues.importDialogue(variant(0, 30));
      const late = await otherHandle();
      // The late client's header read is answered only once the first client has claimed the
      // header and written its first batch: it acts on a view of the dialogue that is gone.
      let firstBatch!: () => void;
      const wrote = new Promise<void>((r) => (firstBatch = r));
      inject(client, "initialize", async (cmd, _in, send) => {
        const out = await send();
        if (cmd === "BatchWriteItem") firstBatch();
        return out;
      });
      let held = 0;
      inject(late.client, "initialize", async (cmd, _in, send) => {
        const out = await send();
        if (cmd === "GetItem" && held++ === 0) await wrote;
        return out;
      });
      const variants = [variant(1, 300), variant(2, 260)];
      const results = await Promise.allSettled([
        b.dialogues.importDialogue(variants[0]!, { onConflict: "replace" }),
        late.backend.dialogues.importDialogue(variants[1]!, { onConflict: "replace" }),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      // The late reader began after the other had claimed the header: it waited and replaced it.
      await expectExactlyOneOf([variants[1]!]);
    }, 60_000);
  });

  describe("item 1, default policy: concurrent importDialogue of one export with onConflict 'fail'", () => {
    it("a caller whose import another caller took over is ALREADY_EXISTS: exactly one succeeds", async () => {
      const other = await otherHandle();
      const e: DialogueExport = {
        format: "blue.dialogue-export",
        version: 1,
        exportedAt: "2026-01-01T00:00:00.000Z",
        dialogue: {
          id: "y",
          title: "same export",
          status: "open",
          createdAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
        },
        perspectives: Array.from({ length: 300 }, (_, i) => ({
          dialogueId: "y",
          id: `p${i}`,
          round: 1,
          expert: "e",
          label: "l",
          content: "c",
          createdAt: "2026-01-01T00:00:00.000Z",
        })),
        tensions: [],
        links: [],
      };
      // The first caller stops after its first batch until the second caller's call has ended:
      // the second finds the same export being imported and takes it over (as after a crash).
      let secondDone!: () => void;
      const done = new Promise<void>((r) => (secondDone = r));
      let paused = 0;
      inject(client, "initialize", async (cmd, _in, send) => {
        const out = await send();
        if (cmd === "BatchWriteItem" && paused++ === 0) await done;
        return out;
      });
      const first = b.dialogues.importDialogue(e);
      await new Promise((r) => setTimeout(r, 300));
      const second = await other.backend.dialogues.importDialogue(e).then(
        () => "fulfilled",
        (err) => (isStoreError(err) ? err.code : String(err)),
      );
      secondDone();
      const firstResult = await first.then(
        () => "fulfilled",
        (err) => (isStoreError(err) ? err.code : String(err)),
      );
      expect(paused).toBeGreaterThan(0);
      expect([firstResult, second].sort()).toEqual(["ALREADY_EXISTS", "fulfilled"]);
      expect((await b.dialogues.exportDialogue("y")).perspectives).toHaveLength(300);
    }, 60_000);
  });

  describe("item 6: links of a dialogue whose delete was interrupted", () => {
    it("are invisible from the moment the delete begins (linksFrom, linksTo, listLinksPage, exports of the other end)", async () => {
      await b.dialogues.createDialogue({ id: "d", title: "D" });
      await b.dialogues.createDialogue({ id: "other", title: "Other" });
      await b.dialogues.registerTension({ dialogueId: "d", id: "t", round: 1, expert: "e", label: "l", content: "c" });
      const gone = [
        { from: "dialogue:d", to: "document:1", kind: "cites" },
        { from: "document:2", to: "dialogue:d/tension:t", kind: "about" },
        { from: "dialogue:other", to: "dialogue:d", kind: "follows" },
      ];
      for (const l of gone) await b.links.addLink(l);
      await b.links.addLink({ from: "dialogue:other", to: "document:1", kind: "cites" });
      // The delete hides the header, then every further request fails: interrupted after the hide step.
      let hidden = false;
      const remove = inject(client, "initialize", async (cmd, input, send) => {
        if (hidden) throw connectionReset();
        const out = await send();
        if (cmd === "UpdateItem" && String(input.UpdateExpression).includes("pend = :del")) hidden = true;
        return out;
      });
      expect(isStoreError(await b.dialogues.deleteDialogue("d").catch((e) => e), "UNAVAILABLE")).toBe(true);
      remove();
      expect(await b.dialogues.getDialogue("d")).toBeNull();
      expect(await b.links.linksFrom("dialogue:d")).toEqual([]);
      expect(await b.links.linksTo("dialogue:d")).toEqual([]);
      expect(await b.links.linksTo("dialogue:d/tension:t")).toEqual([]);
      expect(await b.links.linksFrom("document:2")).toEqual([]);
      expect((await b.links.linksTo("document:1")).map((l) => l.from)).toEqual(["dialogue:other"]);
      expect((await b.links.linksFrom("dialogue:other")).map((l) => l.to)).toEqual(["document:1"]);
      expect((await b.links.listLinksPage({ limit: 1 })).items.map((l) => `${l.from}>${l.to}`)).toEqual(["dialogue:other>document:1"]);
      expect((await b.dialogues.exportDialogue("other")).links.map((l) => l.to)).toEqual(["document:1"]);
      // A re-run finishes the delete: the link items are gone from the table too.
      expect(await b.dialogues.deleteDialogue("d")).toBe(false);
      const left = await client.send(
        new QueryCommand({
          TableName: tableName(prefix),
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: encodeKey(["LF", "dialogue:d"]) } },
        }),
      );
      expect(left.Items).toEqual([]);
    });
  });
});
