import { compareUtf8 } from "../../encoding/utf8";
import { createMemoryStorage } from "../../memory";
import { enumerateStorage, compareItemKeys, catalogOf } from "../../enumeration/enumerate";
import { restoreStorage } from "../../enumeration/restore";
import type { GenericItemRecord, StorageRecord } from "../../enumeration/types";
import type { StorageBackend } from "../../types/stores";
import { check, checkEqual } from "../assert";
import type { CaseContext, ConformanceCase } from "../types";
import { HOSTILE_KEYS, TRAP_KEYS, storeOf, type Item } from "./generic";
import { kase, newPerspective, newTension } from "./helpers";

/** Everything a stream holds, collected (the kit's stores are small). */
async function collect(backend: StorageBackend): Promise<StorageRecord[]> {
  const out: StorageRecord[] = [];
  for await (const r of enumerateStorage(backend)) out.push(r);
  return out;
}

async function collectItems(backend: StorageBackend, store: string): Promise<GenericItemRecord[]> {
  const out: GenericItemRecord[] = [];
  for await (const r of catalogOf(backend).items(store)) out.push(r);
  return out;
}

const LONG_PK = "p".repeat(2047) + "#";
const keyOf = (r: StorageRecord): string => {
  switch (r.kind) {
    case "document":
      return `document ${r.document.id}`;
    case "dialogue":
      return `dialogue ${r.dialogue.id}`;
    case "link":
      return `link ${JSON.stringify([r.link.from, r.link.to, r.link.kind])}`;
    case "item":
      return `item ${JSON.stringify([r.store, r.pk, r.sk])}`;
  }
};

/** What the seeded store holds, by kind, as the stream must show it. */
interface Seeded {
  documents: number[];
  dialogues: string[];
  links: number;
  items: Array<{ store: string; pk: string; sk: string; v: string }>;
}

/** Two dialogues with perspectives and tensions (one moved on), three documents, links, and three generic stores with hostile keys. */
async function seed(ctx: CaseContext, backend: StorageBackend = ctx.backend): Promise<Seeded> {
  const tick = () => ctx.clock.tick();
  const documents: number[] = [];
  for (const [title, body] of [
    ["one", "alpha beta"],
    ["two", "é😀\u0000 body"],
    ["three", ""],
  ] as const) {
    documents.push(await backend.documents.addDocument({ title, body, kind: "note", metadata: { title } }));
    tick();
  }
  const dialogues = ["d-enum-1", "d-enum-2"];
  for (const id of dialogues) {
    await backend.dialogues.createDialogue({ id, title: `Dialogue ${id}`, question: "why?" });
    tick();
    await backend.dialogues.registerPerspective(newPerspective(id, "P1", 1));
    tick();
    await backend.dialogues.registerTension(newTension(id, "T1", 1));
    tick();
  }
  await backend.dialogues.updateTensionStatus({ dialogueId: "d-enum-1", tensionId: "T1" }, "addressed", { actor: "a", note: "n" });
  const refs = [
    `dialogue:d-enum-1`,
    `dialogue:d-enum-1/tension:T1`,
    `document:${documents[0]}`,
    `document:${documents[1]}`,
    "dialogue:elsewhere",
  ];
  let links = 0;
  for (let i = 0; i < refs.length; i++) {
    await backend.links.addLink({
      from: refs[i]!,
      to: refs[(i + 1) % refs.length]!,
      kind: "references",
      ...(i % 2 ? { metadata: { i } } : {}),
    });
    links++;
    tick();
  }
  const items: Seeded["items"] = [];
  const put = async (store: string, pk: string, sk: string) => {
    await storeOf(backend, store).put({ pk, sk, v: `${store}|${pk}|${sk}` });
    items.push({ store, pk, sk, v: `${store}|${pk}|${sk}` });
  };
  for (const pk of HOSTILE_KEYS.slice(0, 8)) for (const sk of HOSTILE_KEYS.slice(0, 4)) await put("enum.a", pk, sk);
  for (const k of TRAP_KEYS) await put("enum-b", k, k);
  await put("Enum", LONG_PK, "s".repeat(1023) + "z");
  await put("Enum", "x", "only");
  items.sort((a, b) => compareItemKeys(a, b));
  return { documents, dialogues, links, items };
}

/** The stream with every dialogue listed (DynamoDB's listing may lag its writes briefly). */
async function fullStream(ctx: CaseContext, backend: StorageBackend, dialogues: number): Promise<StorageRecord[]> {
  return ctx.eventually(async () => {
    const records = await collect(backend);
    checkEqual(records.filter((r) => r.kind === "dialogue").length, dialogues, "dialogue records in the stream");
    return records;
  });
}

/** Enumeration (backup, migration): every stored thing exactly once, in order; restore reproduces the stream. */
export function enumerationCases(): ConformanceCase[] {
  return [
    kase(
      "enumeration.stream.everyItemOnce",
      "the stream holds every document, dialogue, link and generic item exactly once, kinds in order",
      async (ctx) => {
        const seeded = await seed(ctx);
        const records = await fullStream(ctx, ctx.backend, seeded.dialogues.length);
        const keys = records.map(keyOf);
        checkEqual(keys.length - new Set(keys).size, 0, "records that appear more than once");
        const kinds = records.map((r) => r.kind);
        checkEqual(
          kinds,
          [...kinds].sort(
            (a, b) => ["document", "dialogue", "link", "item"].indexOf(a) - ["document", "dialogue", "link", "item"].indexOf(b),
          ),
          "order of kinds",
        );
        checkEqual(
          records.flatMap((r) => (r.kind === "document" ? [r.document.id] : [])),
          seeded.documents,
          "document ids, ascending",
        );
        checkEqual(records.flatMap((r) => (r.kind === "dialogue" ? [r.dialogue.id] : [])).sort(), seeded.dialogues, "dialogue ids");
        checkEqual(records.filter((r) => r.kind === "link").length, seeded.links, "link records");
        const items = records.flatMap((r) => (r.kind === "item" ? [{ store: r.store, pk: r.pk, sk: r.sk, v: (r.item as Item).v }] : []));
        checkEqual(items.length, seeded.items.length, "item records");
        checkEqual(new Set(items.map((i) => JSON.stringify([i.store, i.pk, i.sk]))).size, seeded.items.length, "distinct item keys");
        const seededByKey = new Map(seeded.items.map((i) => [JSON.stringify([i.store, i.pk, i.sk]), i.v]));
        for (const i of items)
          checkEqual(
            i.v,
            seededByKey.get(JSON.stringify([i.store, i.pk, i.sk])),
            `value of item ${JSON.stringify([i.store, i.pk.slice(0, 20), i.sk.slice(0, 20)])}`,
          );
        const d1 = records.find((r) => r.kind === "dialogue" && r.dialogue.id === "d-enum-1");
        check(d1?.kind === "dialogue" && d1.tensions[0]?.events.length === 2, "d-enum-1's tension carries both its events");
        check(
          !("exportedAt" in d1) && !("links" in d1),
          "a dialogue record holds neither exportedAt nor links (links are records of their own)",
        );
      },
      { timeoutMs: 120_000 },
    ),

    kase(
      "enumeration.catalog.rawKeysAndOrder",
      "the catalog lists store names and items by raw (pk, sk) in UTF-8 order, a 2,048-byte pk included",
      async ({ backend }) => {
        for (const name of ["b", "a.b", "A", "a-z", "a"]) await storeOf(backend, name).put({ pk: "k", sk: "k", v: name });
        await storeOf(backend, "gone").put({ pk: "k", sk: "k" });
        await storeOf(backend, "gone").delete("k", "k");
        checkEqual(await catalogOf(backend).storeNames(), ["A", "a", "a-z", "a.b", "b"], "storeNames()");
        const s = storeOf(backend, "order");
        for (const pk of TRAP_KEYS) for (const sk of TRAP_KEYS.slice(0, 3)) await s.put({ pk, sk });
        await s.put({ pk: LONG_PK, sk: "\u0000" });
        await s.put({ pk: "deleted", sk: "x" });
        await s.delete("deleted", "x");
        const got = (await collectItems(backend, "order")).map((r) => [r.pk, r.sk]);
        const want = [...TRAP_KEYS.flatMap((pk) => TRAP_KEYS.slice(0, 3).map((sk) => [pk, sk])), [LONG_PK, "\u0000"]].sort(
          (a, b) => compareUtf8(a[0]!, b[0]!) || compareUtf8(a[1]!, b[1]!),
        );
        checkEqual(got, want, "items(order) as (pk, sk)");
        const long = (await collectItems(backend, "order")).find((r) => r.pk === LONG_PK);
        checkEqual(long?.item, { pk: LONG_PK, sk: "\u0000" }, "the item under the 2,048-byte pk");
      },
      { timeoutMs: 60_000 },
    ),

    kase(
      "enumeration.catalog.paging",
      "a store of many and large items is enumerated completely, each item once, in order",
      async ({ backend }) => {
        const s = storeOf(backend, "many");
        const big = "x".repeat(340 * 1024);
        for (let i = 0; i < 4; i++) await s.put({ pk: "big", sk: `b${i}`, v: big });
        const sks = Array.from({ length: 260 }, (_, i) => `k${String(i).padStart(4, "0")}`);
        for (const sk of sks) await s.put({ pk: "small", sk, v: sk });
        const got = await collectItems(backend, "many");
        checkEqual(
          got.map((r) => `${r.pk}/${r.sk}`),
          [...[0, 1, 2, 3].map((i) => `big/b${i}`), ...sks.map((sk) => `small/${sk}`)],
          "items(many)",
        );
        check(
          got.slice(0, 4).every((r) => (r.item as Item).v === big),
          "the large items come back whole",
        );
      },
      { timeoutMs: 120_000 },
    ),

    kase(
      "enumeration.restore.reproduces",
      "restoring the stream into an empty backend of the same kind reproduces it exactly",
      async (ctx) => {
        const seeded = await seed(ctx);
        const records = await fullStream(ctx, ctx.backend, seeded.dialogues.length);
        const fresh = await ctx.freshBackend();
        const tally = await restoreStorage(fresh, records);
        checkEqual(
          tally.item.copied + tally.link.copied + tally.document.copied + tally.dialogue.copied,
          records.length,
          "records copied into the empty backend",
        );
        checkEqual(await fullStream(ctx, fresh, seeded.dialogues.length), records, "the restored backend's stream");
      },
      { timeoutMs: 120_000 },
    ),

    kase(
      "enumeration.restore.otherKind",
      "the stream restored into an empty memory backend, and that backend's stream restored back, reproduce it",
      async (ctx) => {
        const seeded = await seed(ctx);
        const records = await fullStream(ctx, ctx.backend, seeded.dialogues.length);
        const oracle = createMemoryStorage();
        await restoreStorage(oracle, records);
        const fromOracle = await collect(oracle);
        await oracle.close();
        checkEqual(fromOracle, records, "the memory backend's stream after restoring this backend's");
        const fresh = await ctx.freshBackend();
        await restoreStorage(fresh, fromOracle);
        checkEqual(
          await fullStream(ctx, fresh, seeded.dialogues.length),
          records,
          "this backend's stream after restoring the memory backend's",
        );
      },
      { timeoutMs: 120_000 },
    ),

    kase(
      "enumeration.items.expiry",
      "items carry their expiry in the stream and keep it through a restore; items expired by the store's clock are left out",
      async (ctx) => {
        const s = storeOf(ctx.backend, "expiring");
        const start = ctx.clock().getTime();
        await s.put({ pk: "p", sk: "ttl", v: "a" }, { ttlSeconds: 60 });
        await s.put({ pk: "p", sk: "at", v: "b" }, { expiresAt: new Date(start + 3_600_000).toISOString() });
        await s.put({ pk: "p", sk: "gone", v: "c" }, { ttlSeconds: 1 });
        await s.put({ pk: "p", sk: "kept", v: "d" });
        ctx.clock.advance(2_000);
        const items = await collectItems(ctx.backend, "expiring");
        checkEqual(
          items.map((r) => [r.sk, r.expiresAt]),
          [
            ["at", new Date(start + 3_600_000).toISOString()],
            ["kept", undefined],
            ["ttl", new Date(start + 60_000).toISOString()],
          ],
          "the catalog's items and their expiry (the one expired at the store's clock left out)",
        );
        const fresh = await ctx.freshBackend();
        await restoreStorage(
          fresh,
          items.map((r) => ({ kind: "item" as const, ...r })),
        );
        const restored = storeOf(fresh, "expiring");
        checkEqual((await restored.get("p", "ttl"))?.v, "a", "a restored item before its expiry");
        checkEqual(await collectItems(fresh, "expiring"), items, "the restored backend's catalog");
        ctx.clock.advance(60_000);
        checkEqual(await restored.get("p", "ttl"), null, "a restored item after its expiry");
        checkEqual((await restored.get("p", "kept"))?.v, "d", "a restored item without expiry");
      },
    ),
    kase(
      "enumeration.restore.idempotent",
      "restoring the same stream again writes nothing and changes nothing",
      async (ctx) => {
        const seeded = await seed(ctx);
        const records = await fullStream(ctx, ctx.backend, seeded.dialogues.length);
        const tally = await restoreStorage(ctx.backend, records);
        const written = Object.values(tally).reduce((n, t) => n + t.copied + t.different, 0);
        checkEqual(written, 0, "records written when restoring a backend's own stream into it");
        checkEqual(await fullStream(ctx, ctx.backend, seeded.dialogues.length), records, "the stream after the second restore");
      },
      { timeoutMs: 120_000 },
    ),
  ];
}
