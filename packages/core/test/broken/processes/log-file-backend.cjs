"use strict";
// A file backend built on the memory backend: every write is one JSON line of a log file, and a
// handle replays the lines other handles appended before each operation. Plain CommonJS so both
// jest (the harness) and the kit's worker process (another process) load it as is.
//
// Broken on purpose, one way per variant:
// - "unlocked": operations are serialized within a process, but across processes nothing
//   locks the file: each write reads the log, applies, and rewrites the whole file (atomically,
//   by rename), so concurrent processes lose each other's writes and both win conditions.
// - "lossy": it keeps the last write's line in memory and writes it out with the next write or
//   at close(), so a process killed after an acknowledged write loses that write.
const fs = require("node:fs");
const { createMemoryStorage } = require("@blue/store-core");

const PARTS = {
  dialogues: [
    "createDialogue",
    "updateDialogue",
    "deleteDialogue",
    "registerPerspective",
    "registerTension",
    "updateTensionStatus",
    "importDialogue",
  ],
  documents: ["addDocument", "updateDocument", "deleteDocument", "importDocument"],
  links: ["addLink", "removeLink"],
};
const STORE_WRITES = ["put", "delete", "putMany", "deleteMany", "transact"];
/** Per file, in this process: the queue that serializes operations, and the schemas by store name. */
const files = new Map();

function shared(file) {
  if (!files.has(file)) files.set(file, { queue: Promise.resolve(), schemas: new Map() });
  return files.get(file);
}

/** The keys a generic write touches, computed with the caller's schema (replayed without it in other processes). */
function keysOf(schema, method, args) {
  const item = (i) => schema.key(i);
  if (method === "put") return [item(args[0])];
  if (method === "putMany") return args[0].map(item);
  if (method === "transact") return args[0].map((op) => (op.put ? item(op.put) : null));
  return [];
}

/** Opens the log `file`; `variant` is "unlocked" or "lossy". */
async function openLogFile({ file, clock = () => new Date(), variant }) {
  const here = shared(file);
  let replayAt = null;
  const mem = createMemoryStorage({ clock: () => (replayAt !== null ? new Date(replayAt) : clock()) });
  let text = "";
  let applied = 0;
  let size = -1;
  let pending = null;

  const serial = (work) => {
    const next = here.queue.then(work);
    here.queue = next.catch(() => undefined);
    return next;
  };
  const replayStore = (name) => {
    const known = here.schemas.get(name);
    const byItem = new Map();
    return { known, byItem, schema: known ?? { name, key: (i) => byItem.get(JSON.stringify(i)) } };
  };
  const invoke = async (part, method, args, op, live) => {
    if (part.startsWith("store:")) {
      if (live) return mem.store(live)[method](...args);
      const { schema, byItem } = replayStore(part.slice(6));
      if (op?.keys) {
        const items = method === "transact" ? args[0].map((o) => o.put ?? null) : method === "putMany" ? args[0] : [args[0]];
        for (const [i, it] of items.entries()) if (it && op.keys[i]) byItem.set(JSON.stringify(it), op.keys[i]);
      }
      return mem.store(schema)[method](...args);
    }
    return mem[part][method](...args);
  };
  /** Replays the lines other handles (or processes) appended since this handle last looked. */
  const catchUp = async () => {
    const now = fs.existsSync(file) ? fs.statSync(file).size : 0;
    if (now === size) return;
    const current = now === 0 ? "" : fs.readFileSync(file, "utf8");
    const lines = current.split("\n").filter(Boolean);
    for (const line of lines.slice(applied)) {
      const op = JSON.parse(line);
      replayAt = op.now;
      try {
        await invoke(op.part, op.method, op.args, op);
      } catch {
        // a line another process wrote from a diverged state: it does not apply here
      } finally {
        replayAt = null;
      }
    }
    text = current;
    applied = lines.length;
    size = now;
  };
  const writeLine = (line) => {
    if (variant === "lossy") {
      fs.appendFileSync(file, line);
    } else {
      // Read-modify-write of the whole file without a lock: another process's line appended
      // since `catchUp` is overwritten.
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, text + line);
      fs.renameSync(tmp, file);
    }
    text += line;
    applied += 1;
    size = Buffer.byteLength(text);
  };
  const flush = () => {
    if (pending !== null) writeLine(pending);
    pending = null;
  };
  const write = (part, method, args, schema) =>
    serial(async () => {
      await catchUp();
      // The unlocked variant's read-modify-write takes as long as a slow disk's would, so two
      // processes stepping at once both act on the state they read (on a quiet machine the
      // window would otherwise be too short for the race to show every run).
      if (variant === "unlocked") await new Promise((resolve) => setTimeout(resolve, 25));
      let now = null;
      try {
        now = clock().getTime();
      } catch {
        // the memory backend reports the bad clock
      }
      const result = await invoke(part, method, args, undefined, schema);
      // After the write succeeded: its items are valid, so the schema's key function is safe to call.
      const keys = schema ? keysOf(schema, method, args) : undefined;
      const line = `${JSON.stringify({ part, method, args, now, ...(keys ? { keys } : {}) })}\n`;
      if (variant === "lossy") {
        flush();
        pending = line;
      } else writeLine(line);
      return result;
    });
  const read = (part, method, args, schema) =>
    serial(async () => (await catchUp(), schema ? mem.store(schema)[method](...args) : mem[part][method](...args)));
  const iterate = (source) =>
    (async function* () {
      await serial(catchUp);
      yield* source();
    })();

  const wrapPart = (part) => {
    const base = mem[part];
    const out = {};
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(base)).concat(Object.keys(base))) {
      if (name === "constructor" || typeof base[name] !== "function") continue;
      if (PARTS[part].includes(name)) out[name] = (...args) => write(part, name, args);
      else if (name.startsWith("iterate")) out[name] = (...args) => iterate(() => base[name](...args));
      else out[name] = (...args) => read(part, name, args);
    }
    return out;
  };
  await serial(catchUp);
  return {
    name: `log-file-${variant}`,
    capabilities: { persistent: true, listConsistency: "strong", multiProcess: variant !== "lossy" },
    dialogues: wrapPart("dialogues"),
    documents: wrapPart("documents"),
    links: wrapPart("links"),
    store(schema) {
      const inner = mem.store(schema);
      if (typeof schema?.name === "string") here.schemas.set(schema.name, schema);
      const out = {};
      for (const name of ["get", "put", "delete", "query", "queryPage", "getMany", "putMany", "deleteMany", "transact", "iterate"]) {
        if (STORE_WRITES.includes(name)) out[name] = (...args) => write(`store:${schema.name}`, name, args, schema);
        else if (name === "iterate") out[name] = (...args) => iterate(() => inner.iterate(...args));
        else out[name] = (...args) => read(null, name, args, schema);
      }
      return out;
    },
    catalog: {
      storeNames: () => serial(async () => (await catchUp(), mem.catalog.storeNames())),
      items: (store) => iterate(() => mem.catalog.items(store)),
    },
    close: () =>
      serial(async () => {
        flush();
        await mem.close();
      }),
  };
}

/** The kit's worker opener: `{ dir, variant }` from the harness plus the namespace and clock. */
function open({ dir, variant, namespace, clock }) {
  return openLogFile({ file: `${dir}/${namespace}.jsonl`, clock, variant });
}

module.exports = { openLogFile, open };
