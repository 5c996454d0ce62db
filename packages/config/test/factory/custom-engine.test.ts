import { join } from "node:path";
import { createStorage, environmentVariables, isStoreError, parseConfig, type BlueConfig } from "../../src";
import { FIXED_CLOCK, tempProject } from "../helpers/project";

const FIXTURES = join(__dirname, "..", "fixtures");
const SOURCE = join(FIXTURES, ".blue", "config.toml");

function customConfig(module: string, extra = "", env: Record<string, string> = {}): Promise<BlueConfig> {
  return parseConfig(`[storage]\nbackend = "custom"\n[storage.custom]\nmodule = ${JSON.stringify(module)}\n${extra}`, {
    source: SOURCE,
    projectRoot: FIXTURES,
    env,
  });
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; details: unknown; cause?: unknown }> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isStoreError(error)).toBe(true);
  return error as { code: string; message: string; details: unknown };
}

const engine = require("../fixtures/custom/memory-engine.cjs") as { calls: Array<{ settings: unknown; context: unknown }> };

describe("a custom engine module exporting a descriptor", () => {
  it("is configured, checked and opened through its descriptor: defaults, resolve, clock and context", async () => {
    const config = await customConfig("./custom/memory-engine.cjs", 'label = "alpha"\nmax_items = 3\nmode = "safe"\ndata_dir = "var"\n');
    expect(config).toMatchObject({ backend: "custom", module: "./custom/memory-engine.cjs", engine: { name: "labelled-memory" } });
    expect(config.settings).toEqual({ label: "alpha", maxItems: 3, mode: "safe", dataDir: join(FIXTURES, "var"), verbose: false });
    const backend = await createStorage(config, { clock: FIXED_CLOCK });
    expect(backend.name).toBe("custom:alpha");
    expect(engine.calls.at(-1)).toEqual({
      settings: config.settings,
      context: { clock: FIXED_CLOCK, create: true, projectRoot: FIXTURES, configFile: SOURCE },
    });
    const id = await backend.dialogues.createDialogue({ title: "via custom" });
    expect((await backend.dialogues.getDialogue(id))?.createdAt).toBe("2026-02-02T10:00:00.000Z");
    await backend.close();
  });

  it("takes its declared environment overrides, recorded like a built-in engine's", async () => {
    const config = await customConfig("./custom/memory-engine.cjs", 'label = "alpha"\n', {
      BLUE_LABELLED_LABEL: "beta",
      BLUE_SQLITE_PATH: "x.db",
    });
    expect(config.settings.label).toBe("beta");
    expect(config.overrides).toEqual(["BLUE_LABELLED_LABEL"]);
    expect(environmentVariables(config.engine)).toEqual(["BLUE_STORAGE_BACKEND", "BLUE_LABELLED_LABEL"]);
    await expect(customConfig("./custom/memory-engine.cjs", "", { BLUE_LABELLED_LABEL: "two words" })).rejects.toMatchObject({
      code: "CONFIG",
      message: 'BLUE_LABELLED_LABEL: "two words" has a space; a label is one word',
      details: { variable: "BLUE_LABELLED_LABEL", key: "storage.custom.label" },
    });
  });

  // The same generic checks, the same words and positions, for a custom engine and a built-in one.
  it.each([
    [
      "a key typo",
      "lable = 1",
      "storage.custom.lable: unknown key in [storage.custom]; did you mean label? (known keys: module, label, max_items, mode, data_dir, verbose)",
      "pth = 1",
      "storage.sqlite.pth: unknown key in [storage.sqlite]; did you mean path? (known keys: path, busy_timeout_ms, synchronous)",
    ],
    [
      "a wrong type",
      'max_items = "3"',
      'storage.custom.max_items: expected an integer, found a string ("3")',
      'busy_timeout_ms = "3"',
      'storage.sqlite.busy_timeout_ms: expected an integer, found a string ("3")',
    ],
    [
      "a range",
      "max_items = 11",
      "storage.custom.max_items: expected a whole number of items from 1 to 10, found 11",
      "busy_timeout_ms = -1",
      "storage.sqlite.busy_timeout_ms: expected a whole number of milliseconds from 0 to 2147483647, found -1",
    ],
    [
      "an enumeration",
      'mode = "fats"',
      'storage.custom.mode: "fats" is not a mode; expected "fast" (nothing is checked) or "safe" (everything is checked); did you mean "fast"?',
      'synchronous = "ful"',
      'storage.sqlite.synchronous: "ful" is not a sync mode; expected "full" (commits survive power loss) or "normal" (faster; commits survive a process crash); did you mean "full"?',
    ],
    [
      "the engine's own check",
      'label = "a b"',
      'storage.custom.label: "a b" has a space; a label is one word',
      'path = "dir/"',
      'storage.sqlite.path: the path "dir/" names a folder; expected a database file path such as ".blue/blue.db"',
    ],
  ])("%s is reported at file:line:column like a built-in engine's", async (_what, customLine, customMessage, sqliteLine, sqliteMessage) => {
    const custom = await failure(customConfig("./custom/memory-engine.cjs", `${customLine}\n`));
    expect(custom).toMatchObject({
      code: "CONFIG",
      message: `${SOURCE}:5:1: ${customMessage}`,
      details: { file: SOURCE, line: 5, column: 1 },
    });
    const sqlite = await failure(parseConfig(`[storage]\nbackend = "sqlite"\n\n[storage.sqlite]\n${sqliteLine}\n`, { source: SOURCE }));
    expect(sqlite).toMatchObject({
      code: "CONFIG",
      message: `${SOURCE}:5:1: ${sqliteMessage}`,
      details: { file: SOURCE, line: 5, column: 1 },
    });
  });

  it("redirects its keys written in [storage] to [storage.custom]", async () => {
    const text = '[storage]\nbackend = "custom"\nmax_items = 3\n[storage.custom]\nmodule = "./custom/memory-engine.cjs"\n';
    await expect(parseConfig(text, { source: SOURCE, projectRoot: FIXTURES })).rejects.toMatchObject({
      message: `${SOURCE}:3:1: storage.max_items: unknown key in [storage]; max_items belongs in [storage.custom]`,
    });
  });

  it("awaits an async open and accepts a descriptor without settings", async () => {
    const backend = await createStorage(await customConfig("./custom/async-engine.cjs"));
    expect(backend.name).toBe("custom-async");
    await backend.close();
    await expect(customConfig("./custom/async-engine.cjs", "level = 3\n")).rejects.toMatchObject({
      message: `${SOURCE}:5:1: storage.custom.level: unknown key in [storage.custom] (known keys: module)`,
    });
  });

  it("resolves a package name from the project's node_modules", async () => {
    const project = tempProject();
    try {
      project.write("node_modules/my-engine/package.json", JSON.stringify({ name: "my-engine", main: "main.js" }));
      project.write(
        "node_modules/my-engine/main.js",
        `const { createMemoryStorage } = require(${JSON.stringify(require.resolve("@blue/store-core"))});\n` +
          'exports.engine = { name: "from-package", settings: {}, open: async () => createMemoryStorage({ name: "from-package" }) };\n',
      );
      const config = await parseConfig('[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "my-engine"\n', {
        source: join(project.root, ".blue", "config.toml"),
      });
      const backend = await createStorage(config);
      expect(backend.name).toBe("from-package");
      await backend.close();
    } finally {
      project.remove();
    }
  });
});

describe("a custom engine module that is not one", () => {
  it("without an `engine` export: CONFIG listing its exports", async () => {
    const error = await failure(customConfig("./custom/no-factory.cjs"));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      `${SOURCE}: storage.custom.module: the module "./custom/no-factory.cjs" does not export an engine descriptor \`engine\` (it exports: openStorage, version)`,
    );
    expect(error.details).toEqual({ file: SOURCE, key: "storage.custom.module", module: "./custom/no-factory.cjs" });
  });

  it("of the old createStorage shape: CONFIG saying what to export instead", async () => {
    const error = await failure(customConfig("./custom/old-shape.cjs"));
    expect(error.message).toMatch(
      /\(it exports: createStorage\); createStorage\(options\) is the old shape: export `engine = \{ name, settings, open \}` instead/,
    );
  });

  it("whose `engine` is not a descriptor: CONFIG saying what is missing", async () => {
    const error = await failure(customConfig("./custom/not-a-descriptor.cjs"));
    expect(error.message).toBe(
      `${SOURCE}: storage.custom.module: the \`engine\` export of "./custom/not-a-descriptor.cjs" is not an engine descriptor: it has no open(settings, context) function`,
    );
  });

  it("whose open() returns something that is not a StorageBackend: CONFIG", async () => {
    const error = await failure(createStorage(await customConfig("./custom/not-a-backend.cjs")));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      'the "half" engine\'s open() returned an object, which is not a StorageBackend ' +
        "(missing: capabilities, dialogues.createDialogue, dialogues.getDialogue, dialogues.listDialogues, documents, links, store)",
    );
  });

  it("whose open() throws a plain error: INTERNAL, keeping the cause", async () => {
    const error = await failure(createStorage(await customConfig("./custom/throws.cjs")));
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toBe('the "throwing" engine failed to open: cannot reach the engine');
    expect((error.cause as Error).message).toBe("cannot reach the engine");
  });

  it("a path that does not exist", async () => {
    const error = await failure(customConfig("./custom/missing.cjs"));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      `${SOURCE}: storage.custom.module: the module "./custom/missing.cjs" does not exist (looked for ${join(FIXTURES, "custom", "missing.cjs")})`,
    );
  });

  it("a package that is not installed", async () => {
    const error = await failure(customConfig("blue-engine-that-does-not-exist"));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      `${SOURCE}: storage.custom.module: cannot find the package "blue-engine-that-does-not-exist" from ${FIXTURES}; install it, or write a path such as "./my-backend.mjs"`,
    );
  });

  it("a module that fails to load, keeping the cause", async () => {
    const error = await failure(customConfig("./custom/syntax-error.cjs"));
    expect(error.code).toBe("CONFIG");
    expect(error.message.startsWith(`${SOURCE}: storage.custom.module: the module "./custom/syntax-error.cjs" failed to load: `)).toBe(
      true,
    );
    expect(error.cause).toBeInstanceOf(Error);
  });
});
