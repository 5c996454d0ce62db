import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isStoreError, type StoreError } from "@blue/store-core";
import { openSqliteStorage } from "../src";
import { tempDir } from "./support/files";

const { dir, cleanup } = tempDir();
afterAll(cleanup);

async function refusal(path: string): Promise<StoreError> {
  const e = await openSqliteStorage({ path, create: false }).then(
    () => null,
    (x: unknown) => x,
  );
  expect(isStoreError(e, "CONFIG")).toBe(true);
  return e as StoreError;
}

describe("openSqliteStorage({ create: false }) opens an existing database only", () => {
  test("an absent file is CONFIG with details.missing, and nothing is created", async () => {
    const path = join(dir, "absent.db");
    const e = await refusal(path);
    expect(e.details).toMatchObject({ missing: true, file: path });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith("absent"))).toEqual([]);
  });

  test("a missing folder is CONFIG with details.missing, and no folder is created", async () => {
    const path = join(dir, "no-such-folder", "blue.db");
    expect((await refusal(path)).details).toMatchObject({ missing: true });
    expect(existsSync(join(dir, "no-such-folder"))).toBe(false);
  });

  test("an empty file is CONFIG with details.missing and stays empty", async () => {
    const path = join(dir, "empty.db");
    writeFileSync(path, "");
    expect((await refusal(path)).details).toMatchObject({ missing: true });
    expect(readdirSync(dir).filter((f) => f.startsWith("empty"))).toEqual(["empty.db"]);
  });

  test("an existing database opens and reads its data", async () => {
    const path = join(dir, "there.db");
    const created = await openSqliteStorage({ path });
    await created.dialogues.createDialogue({ id: "d1", title: "t" });
    await created.close();
    const b = await openSqliteStorage({ path, create: false });
    expect((await b.dialogues.getDialogue("d1"))?.title).toBe("t");
    await b.close();
  });

  test("create must be a boolean", async () => {
    const e = await openSqliteStorage({ path: join(dir, "x.db"), create: "no" as unknown as boolean }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(isStoreError(e, "CONFIG")).toBe(true);
  });
});
