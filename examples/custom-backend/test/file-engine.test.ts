import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isStoreError } from "@blue/store-core";
import { openJsonFileStorage } from "../src";

const dir = mkdtempSync(join(tmpdir(), "blue-json-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the JSON file engine", () => {
  test("writes one valid JSON file per namespace and leaves no temporary file", async () => {
    const file = join(dir, "a.json");
    const b = await openJsonFileStorage({ file });
    expect(existsSync(file)).toBe(false);
    await b.dialogues.createDialogue({ id: "d1", title: "t" });
    await Promise.all(Array.from({ length: 5 }, (_, i) => b.documents.addDocument({ title: `t${i}`, body: "b" })));
    await b.close();
    const state = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(state.documents)).toEqual(["1", "2", "3", "4", "5"]);
    expect(readdirSync(dir)).toEqual(["a.json"]);
  });

  test("a file that is not a Blue Store file is a CONFIG error naming the file", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, "{not json");
    const error = await openJsonFileStorage({ file }).catch((e: unknown) => e);
    expect(isStoreError(error, "CONFIG")).toBe(true);
    expect((error as Error).message).toContain(file);
    writeFileSync(file, JSON.stringify({ format: "other" }));
    expect(isStoreError(await openJsonFileStorage({ file }).catch((e: unknown) => e), "CONFIG")).toBe(true);
  });

  test("a failed write is a StoreError and changes nothing", async () => {
    const file = join(dir, "gone", "x.json");
    const b = await openJsonFileStorage({ file });
    const error = await b.dialogues.createDialogue({ id: "d1", title: "t" }).catch((e: unknown) => e);
    expect(isStoreError(error, "INTERNAL")).toBe(true);
    expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe("ENOENT");
    expect(await b.dialogues.getDialogue("d1")).toBeNull();
    await b.close();
  });
});
