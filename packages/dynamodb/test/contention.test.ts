import { TransactionConflictException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { isStoreError, type StorageBackend } from "@blue/store-core";
import { emulateAwsConflicts } from "./support/aws-conflicts";
import { inject } from "./support/faults";
import { freshBackend, localClient } from "./support/local";

const W = 30;
const T = { dialogueId: "d", tensionId: "t" };

/** The code and message of every rejected call (empty when all succeeded). */
async function failures(calls: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled
    .filter((r): r is PromiseRejectedResult => r.status === "rejected")
    .map((r) => `${isStoreError(r.reason) ? r.reason.code : "raw"}: ${String((r.reason as Error)?.message ?? r.reason).slice(0, 120)}`);
}

// Before: of 30 parallel writers on one item, 7–15 got UNAVAILABLE (8 re-reads, no backoff)
// and a single-item write refused with TransactionConflictException was INTERNAL.
describe("issue 15 item 7: DynamoDB absorbs moderate contention (30 writers on one item) like memory and SQLite", () => {
  let client: DynamoDBClient;
  let b: StorageBackend;
  let dispose: () => Promise<void>;
  let doc: number;

  beforeEach(async () => {
    client = localClient();
    const fresh = await freshBackend({ client });
    b = fresh.backend;
    dispose = fresh.dispose;
    await b.dialogues.createDialogue({ id: "d", title: "D" });
    await b.dialogues.registerTension({ dialogueId: "d", id: "t", round: 1, expert: "e", label: "l", content: "c" });
    doc = await b.documents.addDocument({ title: "t", body: "b" });
  });
  afterEach(async () => {
    await dispose();
    client.destroy();
  });

  async function thirtyOnEachItem(): Promise<void> {
    expect(
      await failures(
        Array.from({ length: W }, (_, i) => b.dialogues.updateTensionStatus(T, i % 2 ? "addressed" : "resolved", { note: `w${i}` })),
      ),
    ).toEqual([]);
    expect(await failures(Array.from({ length: W }, (_, i) => b.documents.updateDocument(doc, { title: `w${i}` })))).toEqual([]);
    expect(await failures(Array.from({ length: W }, (_, i) => b.dialogues.updateDialogue("d", { title: `w${i}` })))).toEqual([]);
    expect(
      await failures(
        Array.from({ length: W }, (_, i) =>
          b.dialogues.registerPerspective({ dialogueId: "d", id: `p${i}`, round: 1, expert: "e", label: "l", content: "c" }),
        ),
      ),
    ).toEqual([]);
    expect(
      await failures(
        Array.from({ length: W }, (_, i) => b.links.addLink({ from: "dialogue:d", to: "document:1", kind: "k", metadata: { i } })),
      ),
    ).toEqual([]);
    const e = await b.dialogues.exportDialogue("d");
    expect(e.tensions[0]!.events.map((x) => x.seq)).toEqual(Array.from({ length: W + 1 }, (_, i) => i + 1));
    expect(new Set(e.tensions[0]!.events.map((x) => x.note)).size).toBe(W + 1);
    expect(e.perspectives).toHaveLength(W);
    expect(e.links).toHaveLength(1);
    const [s] = await b.dialogues.listDialogues();
    expect([s!.perspectiveCount, s!.unresolvedTensionCount]).toEqual([W, e.tensions[0]!.status === "resolved" ? 0 : 1]);
  }

  test("version-guard races among parallel writers (as the issue measured them) all complete", async () => {
    await thirtyOnEachItem();
  }, 120_000);

  test("with AWS's transaction conflicts emulated (TransactionConflict, TransactionConflictException) they all complete too", async () => {
    const conflicts = emulateAwsConflicts(client);
    await thirtyOnEachItem();
    conflicts.remove();
    // The emulator really made writers conflict: the retries were exercised, not bypassed.
    expect(conflicts.injected()).toBeGreaterThan(W);
  }, 120_000);

  test("a single-item write refused with TransactionConflictException is retried and applied once", async () => {
    let left = 3;
    const remove = inject(client, "deserialize", async (cmd, _in, send) => {
      if (cmd === "UpdateItem" && left-- > 0)
        throw new TransactionConflictException({ message: "injected", $metadata: { httpStatusCode: 400 } });
      return send();
    });
    const updated = await b.dialogues.updateDialogue("d", { title: "new" });
    remove();
    expect(updated.title).toBe("new");
    expect(left).toBe(-1);
    expect((await b.dialogues.getDialogue("d"))?.title).toBe("new");
  });

  test("a TransactionConflictException that never ends is UNAVAILABLE (retryable), not INTERNAL, and changes nothing", async () => {
    const remove = inject(client, "deserialize", async (cmd, _in, send) => {
      if (cmd === "UpdateItem") throw new TransactionConflictException({ message: "injected", $metadata: { httpStatusCode: 400 } });
      return send();
    });
    const err = await b.dialogues.updateDialogue("d", { title: "new" }).catch((e: unknown) => e);
    remove();
    expect(isStoreError(err, "UNAVAILABLE")).toBe(true);
    expect((err as { retryable: boolean }).retryable).toBe(true);
    expect((await b.dialogues.getDialogue("d"))?.title).toBe("D");
  }, 60_000);
});
