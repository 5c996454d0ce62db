// What an application does: open the configured storage, write a dialogue, close, reopen
// and read it back, and catch an error with `instanceof` of the app's own copy of core (an
// engine config loaded through import() uses core's ESM build, even in a CommonJS app).
// Printed as one JSON line for the install-isolation runner.
async function roundTrip({ openStorage, loadConfig, errors }) {
  const config = await loadConfig();
  const first = await openStorage();
  const id = await first.dialogues.createDialogue({ title: "Install isolation", question: "Does it round-trip?" });
  await first.dialogues.registerPerspective({ dialogueId: id, id: "P01", round: 1, expert: "ada", label: "yes", content: "It does." });
  await first.dialogues.registerTension({ dialogueId: id, id: "T01", round: 1, expert: "bob", label: "doubt", content: "Show me." });
  await first.dialogues.updateTensionStatus({ dialogueId: id, tensionId: "T01" }, "resolved", { actor: "ada", note: "shown" });
  const written = await first.dialogues.exportDialogue(id);
  const missing = await first.dialogues.exportDialogue("no-such-dialogue").then(
    () => null,
    (e) => e,
  );
  const notFound = {
    code: missing?.code,
    isNotFoundError: missing instanceof errors.NotFoundError,
    isStoreError: missing instanceof errors.StoreError,
    isConflictError: missing instanceof errors.ConflictError,
  };
  let read = written;
  if (first.capabilities.persistent) {
    // Reopen from the config file: the data must have reached the engine.
    await first.close();
    const second = await openStorage();
    read = await second.dialogues.exportDialogue(id);
    await second.close();
  } else {
    read = await first.dialogues.exportDialogue(id);
    await first.close();
  }
  const strip = (e) => JSON.stringify({ ...e, exportedAt: undefined });
  return {
    backend: first.name,
    configBackend: config.backend,
    source: config.source,
    persistent: first.capabilities.persistent,
    perspectives: read.perspectives.length,
    tensions: read.tensions.length,
    events: read.tensions[0] ? read.tensions[0].events.map((e) => e.status) : [],
    identical: strip(read) === strip(written),
    notFound,
  };
}

/** Prints the outcome (or the error's code, name and message) as the last stdout line. */
function report(promise) {
  promise.then(
    (result) => console.log(JSON.stringify({ ok: true, ...result })),
    (e) => {
      console.log(JSON.stringify({ ok: false, code: e.code, name: e.name, message: e.message, details: e.details }));
      process.exitCode = 1;
    },
  );
}

module.exports = { roundTrip, report };
