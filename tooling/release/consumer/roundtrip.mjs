// ESM consumer: opens the storage of the project given as argv[2] (its .blue/config.toml
// selects SQLite) through the published @blue/store-config, round-trips a dialogue across a
// close and reopen, and checks that a typed StoreError crosses the package boundary.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openStorage, isStoreError } from "@blue/store-config";

const cwd = process.argv[2];
const id = "esm-round-trip";
const storage = await openStorage({ cwd });
assert.equal(storage.name, "sqlite");
await storage.dialogues.createDialogue({ id, title: "ESM round trip", question: "Does import work?" });
await storage.dialogues.registerPerspective({
  dialogueId: id,
  id: "P1",
  round: 1,
  expert: "esm",
  label: "import",
  content: "Loaded with import.",
});
await storage.dialogues.registerTension({
  dialogueId: id,
  id: "T1",
  round: 1,
  expert: "esm",
  label: "format",
  content: "ESM and CJS must agree.",
});
await storage.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "T1" }, "resolved", { note: "they do" });
const before = await storage.dialogues.exportDialogue(id);
await storage.close();
assert.ok(existsSync(join(cwd, "data", "blue.db")), "the SQLite file is where .blue/config.toml puts it");

const reopened = await openStorage({ cwd });
const after = await reopened.dialogues.exportDialogue(id);
assert.deepEqual(after.dialogue, before.dialogue);
assert.deepEqual(after.perspectives, before.perspectives);
assert.deepEqual(after.tensions, before.tensions);
assert.equal(after.tensions[0].status, "resolved");
await assert.rejects(reopened.dialogues.createDialogue({ id, title: "again" }), (e) => isStoreError(e, "ALREADY_EXISTS"));
await reopened.close();
await assert.rejects(reopened.dialogues.getDialogue(id), (e) => isStoreError(e, "CLOSED"));
console.log(
  `esm: dialogue ${id} round-tripped through ${storage.name} (${after.perspectives.length} perspective, ${after.tensions.length} tension)`,
);
