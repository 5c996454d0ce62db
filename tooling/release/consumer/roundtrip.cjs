// CJS consumer: the same round trip as roundtrip.mjs, loaded with require(), in the same
// project; it also reads the dialogue the ESM script wrote, so both builds share one format.
const assert = require("node:assert/strict");
const { openStorage, isStoreError } = require("@blue/store-config");

async function main() {
  const cwd = process.argv[2];
  const id = "cjs-round-trip";
  const storage = await openStorage({ cwd });
  assert.equal(storage.name, "sqlite");
  await storage.dialogues.createDialogue({ id, title: "CJS round trip", question: "Does require work?" });
  await storage.dialogues.registerPerspective({
    dialogueId: id,
    id: "P1",
    round: 1,
    expert: "cjs",
    label: "require",
    content: "Loaded with require.",
  });
  const before = await storage.dialogues.exportDialogue(id);
  await storage.close();

  const reopened = await openStorage({ cwd });
  const after = await reopened.dialogues.exportDialogue(id);
  assert.deepEqual(after.dialogue, before.dialogue);
  assert.deepEqual(after.perspectives, before.perspectives);
  const fromEsm = await reopened.dialogues.getDialogue("esm-round-trip");
  assert.equal(fromEsm?.title, "ESM round trip");
  await assert.rejects(reopened.dialogues.updateDialogue("no-such-dialogue", { title: "x" }), (e) => isStoreError(e, "NOT_FOUND"));
  await reopened.close();
  console.log(`cjs: dialogue ${id} round-tripped through ${storage.name}; read the ESM script's dialogue too`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
