import { runInNewContext } from "node:vm";
import { isStoreError } from "../../src/errors";
import { createMemoryStorage } from "../../src/memory";
import { applyStatusChange, createModelContext, readClock, validateStatusChange } from "../../src/model";
import type { Tension } from "../../src/types/entities";
import { LIMITS } from "../../src/validation/limits";

const MAX = LIMITS.itemMaxBytes;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), "utf8");
const AT = "2026-01-01T00:00:00.000Z";

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === "function" ? p() : p);
    return "ok";
  } catch (e) {
    return isStoreError(e) ? e.code : `raw ${(e as Error).name}`;
  }
}

/** An open tension of dialogue d1 padded to `size` bytes as JSON (with updatedAt = createdAt). */
function openTension(id: string, size: number): Tension {
  const t: Tension = { dialogueId: "d1", id, round: 1, expert: "e", label: "l", content: "", status: "open", createdAt: AT, updatedAt: AT };
  return { ...t, content: "x".repeat(size - bytes(t)) };
}

describe("issue 15 item 3: a status change can no longer push a tension over the item limit", () => {
  const room = bytes("addressed") - bytes("open");

  test("an open tension at 350 KiB (no room to become addressed) is refused; the largest one admitted survives status change, export and import", async () => {
    const b = createMemoryStorage({ clock: () => new Date(AT) });
    await b.dialogues.createDialogue({ id: "d1", title: "t" });
    const { updatedAt: _u, ...tooBig } = openTension("t0", MAX);
    // Before the fix this was accepted; after a status change its export no longer imported anywhere.
    expect(await codeOf(b.dialogues.registerTension(tooBig))).toBe("ITEM_TOO_LARGE");
    const { updatedAt: _v, ...largest } = openTension("t1", MAX - room);
    await b.dialogues.registerTension(largest);
    await b.dialogues.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "addressed", {});
    const e = await b.dialogues.exportDialogue("d1");
    expect(bytes({ ...e.tensions[0], events: undefined })).toBe(MAX);
    const fresh = createMemoryStorage();
    expect(await codeOf(fresh.dialogues.importDialogue(e))).toBe("ok");
  });

  test("a status change of a stored tension already at the limit is ITEM_TOO_LARGE, not a silent overflow", async () => {
    const current = openTension("t1", MAX);
    const request = validateStatusChange({ dialogueId: "d1", tensionId: "t1" }, "addressed", { at: AT });
    expect(await codeOf(() => applyStatusChange(current, 1, request, createModelContext()))).toBe("ITEM_TOO_LARGE");
    const ok = openTension("t1", MAX - room);
    expect(bytes(applyStatusChange(ok, 1, request, createModelContext()).tension)).toBe(MAX);
  });

  test("a document whose fields fill the limit can be updated (add, update and import measure it the same way)", async () => {
    const b = createMemoryStorage({ clock: () => new Date(AT) });
    const head = { title: "", createdAt: AT, updatedAt: AT };
    const title = "x".repeat(MAX - bytes(head));
    const id = await b.documents.addDocument({ title, body: "" });
    expect(await codeOf(b.documents.updateDocument(id, { body: "more" }))).toBe("ok");
    expect(await codeOf(b.documents.updateDocument(id, { title: `${title}x` }))).toBe("ITEM_TOO_LARGE");
    const fresh = createMemoryStorage();
    expect(await codeOf(fresh.documents.importDocument((await b.documents.getDocument(id))!))).toBe("ok");
  });
});

describe("issue 15 item 9: clock edges are CONFIG with a clear message, never a raw RangeError or an unimportable timestamp", () => {
  test.each([
    ["an Invalid Date", () => new Date(NaN), /Invalid Date/],
    ["year 10000", () => new Date("+010000-01-01T00:00:00.000Z"), /\+010000-01-01T00:00:00\.000Z, outside the years 0000–9999/],
    ["year -1", () => new Date("-000001-06-01T00:00:00.000Z"), /outside the years/],
    ["a number", () => Date.now() as unknown as Date, /returned number, not a Date/],
    [
      "a throwing clock",
      () => {
        throw new Error("no time");
      },
      /threw Error: no time/,
    ],
  ])("%s", async (_what, clock, message) => {
    const b = createMemoryStorage({ clock: clock as () => Date });
    for (const call of [
      () => b.dialogues.createDialogue({ id: "d1", title: "t" }),
      () => b.dialogues.createDialogue({ title: "t", createdAt: AT }),
      () => b.documents.addDocument({ title: "t", body: "" }),
    ]) {
      const e = await call().then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(isStoreError(e, "CONFIG")).toBe(true);
      expect((e as Error).message).toMatch(message);
      expect((e as { details?: { field?: string } }).details?.field).toBe("clock");
    }
    expect(await b.dialogues.listDialogues()).toEqual([]);
    expect((await b.documents.listDocumentsPage({})).items).toEqual([]);
  });

  test("the last representable instant, year 0000 and Dates from another realm are good readings", () => {
    expect(readClock(() => new Date("9999-12-31T23:59:59.999Z")).iso).toBe("9999-12-31T23:59:59.999Z");
    expect(readClock(() => new Date("0000-01-01T00:00:00.000Z")).iso).toBe("0000-01-01T00:00:00.000Z");
    expect(readClock(() => runInNewContext("new Date(0)") as Date).iso).toBe("1970-01-01T00:00:00.000Z");
  });
});
