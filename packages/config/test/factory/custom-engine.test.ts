import { join } from "node:path";
import { createStorage, isStoreError, parseConfig, type BlueConfig } from "../../src";
import { FIXED_CLOCK, tempProject } from "../helpers/project";

const FIXTURES = join(__dirname, "..", "fixtures");
const SOURCE = join(FIXTURES, ".blue", "config.toml");

function customConfig(module: string, extra = ""): BlueConfig {
  return parseConfig(`[storage]\nbackend = "custom"\n[storage.custom]\nmodule = ${JSON.stringify(module)}\n${extra}`, {
    source: SOURCE,
    projectRoot: FIXTURES,
  });
}

async function failure(config: BlueConfig): Promise<{ code: string; message: string; details: unknown; cause?: unknown }> {
  const error = await createStorage(config).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isStoreError(error)).toBe(true);
  return error as { code: string; message: string; details: unknown };
}

describe("custom engines", () => {
  it("loads a module by path relative to the project root and passes options, clock and context", async () => {
    const engine = require("../fixtures/custom/memory-engine.cjs") as { calls: Array<{ options: unknown; context: unknown }> };
    const config = customConfig("./custom/memory-engine.cjs", 'label = "alpha"\nlimits = { max = 3 }\n');
    const backend = await createStorage(config, { clock: FIXED_CLOCK });
    expect(backend.name).toBe("custom:alpha");
    expect(engine.calls.at(-1)).toEqual({
      options: { label: "alpha", limits: { max: 3 }, clock: FIXED_CLOCK },
      context: { projectRoot: FIXTURES, configFile: SOURCE },
    });
    const id = await backend.dialogues.createDialogue({ title: "via custom" });
    expect((await backend.dialogues.getDialogue(id))?.createdAt).toBe("2026-02-02T10:00:00.000Z");
    await backend.close();
  });

  it("awaits an async createStorage", async () => {
    const backend = await createStorage(customConfig("./custom/async-engine.cjs"));
    expect(backend.name).toBe("custom-async");
    await backend.close();
  });

  it("resolves a package name from the project's node_modules", async () => {
    const project = tempProject();
    try {
      project.write("node_modules/my-engine/package.json", JSON.stringify({ name: "my-engine", main: "main.js" }));
      project.write(
        "node_modules/my-engine/main.js",
        `const { createMemoryStorage } = require(${JSON.stringify(require.resolve("@blue/store-core"))});\n` +
          'exports.createStorage = () => createMemoryStorage({ name: "from-package" });\n',
      );
      const config = parseConfig('[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "my-engine"\n', {
        source: join(project.root, ".blue", "config.toml"),
      });
      const backend = await createStorage(config);
      expect(backend.name).toBe("from-package");
      await backend.close();
    } finally {
      project.remove();
    }
  });

  it("rejects a module without createStorage, listing its exports", async () => {
    const error = await failure(customConfig("./custom/no-factory.cjs"));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      `${SOURCE}: storage.custom.module: the module "./custom/no-factory.cjs" does not export a createStorage(options) function (it exports: openStorage, version)`,
    );
    expect(error.details).toEqual({ file: SOURCE, key: "storage.custom.module", module: "./custom/no-factory.cjs" });
  });

  it("rejects a createStorage that returns something that is not a StorageBackend", async () => {
    const error = await failure(customConfig("./custom/not-a-backend.cjs"));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      `${SOURCE}: storage.custom.module: createStorage() of "./custom/not-a-backend.cjs" returned an object, which is not a StorageBackend ` +
        "(missing: capabilities, dialogues.createDialogue, dialogues.getDialogue, dialogues.listDialogues, documents, links, store)",
    );
  });

  it("wraps a plain error thrown by createStorage as INTERNAL, keeping the cause", async () => {
    const error = await failure(customConfig("./custom/throws.cjs"));
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toBe('the custom backend "./custom/throws.cjs" failed in createStorage(): cannot reach the engine');
    expect((error.cause as Error).message).toBe("cannot reach the engine");
  });

  it("rejects a path that does not exist", async () => {
    const error = await failure(customConfig("./custom/missing.cjs"));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      `${SOURCE}: storage.custom.module: the module "./custom/missing.cjs" does not exist (looked for ${join(FIXTURES, "custom", "missing.cjs")})`,
    );
  });

  it("rejects a package that is not installed", async () => {
    const error = await failure(customConfig("blue-engine-that-does-not-exist"));
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      `${SOURCE}: storage.custom.module: cannot find the package "blue-engine-that-does-not-exist" from ${FIXTURES}; install it, or write a path such as "./my-backend.mjs"`,
    );
  });

  it("rejects a module that fails to load, keeping the cause", async () => {
    const error = await failure(customConfig("./custom/syntax-error.cjs"));
    expect(error.code).toBe("CONFIG");
    expect(error.message.startsWith(`${SOURCE}: storage.custom.module: the module "./custom/syntax-error.cjs" failed to load: `)).toBe(true);
    expect(error.cause).toBeInstanceOf(Error);
  });
});
