import type { JsonObject } from "../../types/json";
import { checkEqual } from "../assert";
import type { ConformanceCase } from "../types";
import { kase, newDialogue, newPerspective, newTension } from "./helpers";
import { storeOf } from "./generic";

/** Scribbles over every property of a JSON-like value, nested ones included. */
function scribble(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) scribble(v);
    value.push("scribbled");
    return;
  }
  if (value === null || typeof value !== "object") return;
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (o[k] !== null && typeof o[k] === "object") scribble(o[k]);
    else o[k] = typeof o[k] === "number" ? -1 : "scribbled";
  }
  o.scribbled = true;
}

const META: JsonObject = { nested: { list: [1, { deep: "x" }] }, n: 1 };
const meta = (): JsonObject => JSON.parse(JSON.stringify(META)) as JsonObject;

/** What a call returns and what it was given are copies: mutating them never changes the store. */
export function aliasingCases(): ConformanceCase[] {
  return [
    kase(
      "aliasing.store",
      "mutating an item after put, or one returned by get/query/queryPage, leaves the store unchanged",
      async ({ backend }) => {
        const s = storeOf(backend);
        const input = { pk: "p", sk: "s", v: meta() };
        await s.put(input);
        scribble(input);
        const want = { pk: "p", sk: "s", v: META };
        checkEqual(await s.get("p", "s"), want, "get after the put's input was mutated");
        scribble(await s.get("p", "s"));
        checkEqual(await s.get("p", "s"), want, "get after a returned item was mutated");
        scribble(await s.query("p", ""));
        scribble((await s.queryPage("p", "", { limit: 5 })).items);
        checkEqual(await s.query("p", ""), [want], "query after returned items were mutated");
      },
    ),
    kase(
      "aliasing.dialogues",
      "mutating inputs after a write, or a returned dialogue, export or summary, leaves the dialogue unchanged",
      async ({ backend, clock }) => {
        const d = backend.dialogues;
        const created = newDialogue("d1", { metadata: meta() });
        await d.createDialogue(created);
        const perspective = newPerspective("d1", "p1", 1, { metadata: meta() });
        await d.registerPerspective(perspective);
        const tension = newTension("d1", "t1", 1, { metadata: meta() });
        await d.registerTension(tension);
        clock.tick();
        const event = { note: "n" };
        await d.updateTensionStatus({ dialogueId: "d1", tensionId: "t1" }, "addressed", event);
        const before = await d.exportDialogue("d1");
        const pristine = JSON.parse(JSON.stringify(before)) as unknown;
        for (const v of [created, perspective, tension, event, before]) scribble(v);
        checkEqual(await d.exportDialogue("d1"), pristine, "export after inputs and a returned export were mutated");
        const dialogue = await d.getDialogue("d1");
        const summaries = await d.listDialogues();
        const page = await d.listDialoguesPage({ limit: 5 });
        const updated = await d.updateDialogue("d1", { metadata: meta() });
        const wantDialogue = JSON.parse(JSON.stringify(updated)) as unknown;
        for (const v of [dialogue, summaries, page.items, updated]) scribble(v);
        checkEqual(await d.getDialogue("d1"), wantDialogue, "getDialogue after returned values were mutated");
      },
    ),
    kase(
      "aliasing.documents",
      "mutating an input after a write, or a returned document or search hit, leaves the document unchanged",
      async ({ backend }) => {
        const docs = backend.documents;
        const input = { title: "alpha", body: "beta gamma", metadata: meta() };
        const id = await docs.addDocument(input);
        scribble(input);
        const want = JSON.parse(JSON.stringify(await docs.getDocument(id))) as unknown;
        checkEqual((want as { title: string }).title, "alpha", "the stored title");
        scribble(await docs.getDocument(id));
        scribble(await docs.search("beta"));
        scribble((await docs.listDocumentsPage({ limit: 5 })).items);
        checkEqual(await docs.getDocument(id), want, "getDocument after inputs and returned documents were mutated");
      },
    ),
    kase("aliasing.links", "mutating a link's input or a returned link leaves it unchanged", async ({ backend }) => {
      const links = backend.links;
      await backend.documents.addDocument({ title: "a", body: "b" });
      const input = { from: "document:1", to: "document:2", kind: "cites", metadata: meta() };
      await links.addLink(input);
      scribble(input);
      const want = JSON.parse(JSON.stringify(await links.linksFrom("document:1"))) as unknown;
      checkEqual((want as Array<{ metadata: unknown }>)[0]?.metadata, META, "the stored metadata");
      scribble(await links.linksFrom("document:1"));
      scribble(await links.linksTo("document:2"));
      scribble((await links.listLinksPage({ limit: 5 })).items);
      checkEqual(await links.linksFrom("document:1"), want, "linksFrom after the input and returned links were mutated");
    }),
  ];
}
