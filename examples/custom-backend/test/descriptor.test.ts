import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { engine } from "../src";

const context = { create: true, projectRoot: "/proj", configFile: null };

describe("the engine descriptor", () => {
  test("declares the one setting config checks, defaults and resolves", () => {
    expect(engine.settings.file).toMatchObject({ type: "string", default: ".blue/store.json", env: "BLUE_JSON_FILE" });
    expect(engine.settings.file.check!("data.txt" as never)).toBe('"data.txt" is not a .json file');
    expect(engine.settings.file.resolve!("data.json" as never, { projectRoot: "/proj" })).toBe("/proj/data.json");
  });

  test("isolate, open and removeNamespace: a namespace of its own, removed with its folder", async () => {
    const settings = await engine.isolate!({ file: "/proj/.blue/store.json" }, "case1");
    const backend = await engine.open(settings, context);
    await backend.dialogues.createDialogue({ id: "d", title: "t" });
    await backend.close();
    expect(existsSync(settings.file)).toBe(true);
    await engine.removeNamespace!(settings);
    expect(existsSync(dirname(settings.file))).toBe(false);
  });
});
