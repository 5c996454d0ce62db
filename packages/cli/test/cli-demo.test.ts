import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DialogueExport } from "@blue/store-core";
import { validateDialogueExport } from "@blue/store-core/engine";
import { lines, runCli, tempProject, removeTempFolders } from "./helpers";

describe("blue-store demo", () => {
  afterAll(removeTempFolders);
  test("runs on a fresh folder with no set-up, twice", async () => {
    const cwd = await tempProject();
    const first = await runCli(["demo"], { cwd });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Blue Store demo on sqlite .blue/blue.db\n");
    expect(first.stdout).toMatch(/T01 Transactions differ +open → addressed → resolved/);
    expect(first.stdout).toContain("6 perspectives, 4 tensions, 1 unresolved");
    expect(first.stdout).toMatch(/"dynamodb sqlite"\n\s+1\. #\d+ /);
    expect(first.stdout).toContain("The store now holds 1 dialogue and 4 documents.");

    const exported = JSON.parse(await readFile(join(cwd, ".blue", "exports", "demo-dynamodb-migration.json"), "utf8")) as DialogueExport;
    const valid = validateDialogueExport(exported);
    expect(valid.tensions.map((t) => t.events.map((e) => e.status).join(">"))).toEqual([
      "open>addressed>resolved",
      "open>addressed>resolved",
      "open>addressed>resolved",
      "open",
    ]);
    expect(valid.links).toHaveLength(7);

    const second = await runCli(["demo", "--json"], { cwd });
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as {
      replacedPreviousRun: boolean;
      store: { dialogues: number; documents: number };
      dialogue: { status: string };
    };
    expect(report.replacedPreviousRun).toBe(true);
    expect(report.store).toEqual({ dialogues: 1, documents: 4 });
    expect(report.dialogue.status).toBe("converged");

    const doctor = await runCli(["doctor", "--json"], { cwd });
    expect(doctor.code).toBe(0);
    const health = JSON.parse(doctor.stdout) as { healthy: boolean; backend: { name: string; capabilities: { persistent: boolean } } };
    expect(health.healthy).toBe(true);
    expect(health.backend.name).toBe("sqlite");
    expect(health.backend.capabilities.persistent).toBe(true);

    const list = await runCli(["dialogues", "list"], { cwd });
    expect(lines(list.stdout)).toHaveLength(2);
    expect(list.stdout).toMatch(/demo-dynamodb-migration\s+converged/);
  });
});
