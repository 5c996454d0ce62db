import { createMemoryStorage } from "../../memory";
import type { JsonValue } from "../../types/json";
import type { StorageBackend } from "../../types/stores";
import type { Step } from "../processes/types";
import type { Rng } from "../rng";
import { storeOf } from "./generic";
import { newDialogue, newPerspective, newTension } from "./helpers";

/** The generic store the crash writer uses; round `r` writes under pk `r<r>`. */
export const CRASH_STORE = "crash";

const call = (c: string, ...args: JsonValue[]): Step => ({ call: c, args });
const json = (v: unknown) => v as JsonValue;
const STATUSES = ["open", "addressed", "resolved"] as const;

/** An export of a dialogue `id` with three perspectives and three tensions (one moved), to import whole. */
async function exportToImport(id: string, clock: () => Date): Promise<JsonValue> {
  const scratch = createMemoryStorage({ clock });
  await scratch.dialogues.createDialogue(newDialogue(id));
  for (let i = 0; i < 3; i++) await scratch.dialogues.registerPerspective(newPerspective(id, `p${i}`, i));
  for (let i = 0; i < 3; i++) await scratch.dialogues.registerTension(newTension(id, `t${i}`, i));
  await scratch.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "t1" }, "resolved", { note: "imported" });
  await scratch.links.addLink({ from: `dialogue:${id}`, to: `dialogue:${id}/tension:t0`, kind: "holds" });
  return json(await scratch.dialogues.exportDialogue(id));
}

/**
 * A seeded sequence of writes for crash round `round`, every one valid when run in order.
 * `multi` adds the writes that touch several items at once (imports, cascading deletes,
 * batches, transactions), which a crash must never leave half done.
 */
export async function crashSteps(rng: Rng, round: number, length: number, multi: boolean, clock: () => Date): Promise<Step[]> {
  const r = `r${round}`;
  const steps: Step[] = [call("dialogues.createDialogue", json(newDialogue(`${r}d0`)))];
  const dialogues = [`${r}d0`];
  const tensions: Array<[string, string]> = [];
  const docs: number[] = [];
  const keys: string[] = [];
  const kinds = [
    "perspective",
    "tension",
    "status",
    "document",
    "put",
    "dialogue",
    ...(multi ? ["import", "deleteDialogue", "deleteDocument", "putMany", "transact", "updateDocument"] : ["updateDocument"]),
  ];
  for (let i = 1; steps.length < length; i++) {
    const kind = rng.pick(kinds);
    const d = dialogues.length > 0 ? rng.pick(dialogues) : undefined;
    if (kind === "dialogue" || d === undefined) {
      dialogues.push(`${r}d${i}`);
      steps.push(call("dialogues.createDialogue", json(newDialogue(`${r}d${i}`))));
    } else if (kind === "perspective") {
      steps.push(call("dialogues.registerPerspective", json(newPerspective(d, `p${i}`, i % 3))));
    } else if (kind === "tension") {
      tensions.push([d, `t${i}`]);
      steps.push(call("dialogues.registerTension", json(newTension(d, `t${i}`, i % 2))));
    } else if (kind === "status" && tensions.length > 0) {
      const [dialogueId, tensionId] = rng.pick(tensions);
      steps.push(call("dialogues.updateTensionStatus", { dialogueId, tensionId }, rng.pick(STATUSES), { note: `s${i}` }));
    } else if (
      kind === "document" ||
      (kind === "updateDocument" && docs.length === 0) ||
      (kind === "deleteDocument" && docs.length === 0)
    ) {
      docs.push(steps.length);
      steps.push(call("documents.addDocument", { title: `${r}-${i}`, body: `crash${r}x${i} body `.repeat(1 + (i % 7)), metadata: { i } }));
    } else if (kind === "updateDocument") {
      steps.push(call("documents.updateDocument", { $result: rng.pick(docs) }, { body: `updated${r}x${i}` }));
    } else if (kind === "deleteDocument") {
      const at = rng.int(0, docs.length - 1);
      steps.push(call("documents.deleteDocument", { $result: docs[at]! }));
      docs.splice(at, 1);
    } else if (kind === "import") {
      const id = `${r}i${i}`;
      dialogues.push(id);
      for (let t = 0; t < 3; t++) tensions.push([id, `t${t}`]);
      steps.push(call("dialogues.importDialogue", await exportToImport(id, clock)));
    } else if (kind === "deleteDialogue" && dialogues.length > 1) {
      dialogues.splice(dialogues.indexOf(d), 1);
      for (let t = tensions.length - 1; t >= 0; t--) if (tensions[t]![0] === d) tensions.splice(t, 1);
      steps.push(call("dialogues.deleteDialogue", d));
    } else if (kind === "putMany") {
      const batch = Array.from({ length: 5 }, (_, j) => ({ pk: r, sk: `m${i}-${j}`, v: j }));
      keys.push(...batch.map((b) => b.sk));
      steps.push(call(`store:${CRASH_STORE}.putMany`, batch));
    } else if (kind === "transact" && keys.length > 0) {
      const gone = keys.splice(rng.int(0, keys.length - 1), 1)[0]!;
      keys.push(`x${i}-0`, `x${i}-1`);
      steps.push(
        call(`store:${CRASH_STORE}.transact`, [
          { put: { pk: r, sk: `x${i}-0`, v: i } },
          { put: { pk: r, sk: `x${i}-1`, v: i }, ifNotExists: true },
          { delete: { pk: r, sk: gone } },
        ]),
      );
    } else {
      keys.push(`k${i}`);
      steps.push(call(`store:${CRASH_STORE}.put`, { pk: r, sk: `k${i}`, v: i }));
    }
  }
  return steps;
}

/** What a crash round can observe of round `round`'s data: summaries, exports, documents without ids, generic items. */
export async function crashSnapshot(b: StorageBackend, round: number, dialogueIds: string[]): Promise<JsonValue> {
  const r = `r${round}`;
  const summaries = (await b.dialogues.listDialogues()).filter((s) => s.id.startsWith(r));
  const exports: JsonValue[] = [];
  for (const id of dialogueIds) {
    const e = await b.dialogues
      .exportDialogue(id)
      .catch((err: { code?: string }) => (err?.code === "NOT_FOUND" ? null : Promise.reject(err)));
    exports.push(e === null ? null : json({ ...e, exportedAt: "-" }));
  }
  const documents: JsonValue[] = [];
  for await (const d of b.documents.iterateDocuments()) {
    if (d.title.startsWith(`${r}-`)) documents.push(json({ ...d, id: "-" }));
  }
  const items = await storeOf(b, CRASH_STORE).query(r, "");
  return json({ summaries, exports, documents, items });
}

/** Every dialogue id the steps may create (created or imported). */
export function crashDialogueIds(steps: Step[]): string[] {
  const ids = new Set<string>();
  for (const s of steps) {
    const a = s.args[0] as { id?: string; dialogue?: { id: string } } | undefined;
    if (s.call === "dialogues.createDialogue" && a?.id) ids.add(a.id);
    if (s.call === "dialogues.importDialogue" && a?.dialogue) ids.add(a.dialogue.id);
  }
  return [...ids].sort();
}
