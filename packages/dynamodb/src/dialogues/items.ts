import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import type { Dialogue, DialogueSummary, Perspective, Tension, TensionEvent } from "@blue/store-core";
import { decodeKey, summarizeDialogue, type DialogueCounts } from "@blue/store-core/engine";
import { marshallItem, type Item } from "../client/executor";
import {
  allDialoguesPartition,
  dialogueHeaderKey,
  eventKey,
  listingSortKey,
  perspectiveKey,
  statusPartition,
  tensionKey,
} from "../table/keys";
import type { ShardRotation } from "../table/shards";

/**
 * Dialogue header attributes: ti (title), ds (status), dc (createdAt), j (the rest of the
 * dialogue as JSON: id, status, createdAt, question, metadata), ua (updatedAt), pc/tc/uc
 * (counters), v (version, +1 on every write), g1pk/g1sk and g2pk/g2sk (the listing GSIs,
 * which hold only ti, ds, dc, ua and the counters), pend ("import" | "delete" while a
 * multi-request import or delete runs: the dialogue is then invisible and left out of the
 * GSIs; an import also records its token `tok` and the wall-clock time of its lease `pt`).
 */
export type HeaderItem = Item & {
  j: string;
  ti: string;
  ds: string;
  dc: string;
  ua: string;
  pc: number;
  tc: number;
  uc: number;
  v: number;
  pend?: string;
};

/** A live header (exists, no import or delete pending). */
export const HEADER_LIVE = "attribute_exists(pk) AND attribute_not_exists(pend)";

/** How long an import may hold an invisible header before another caller may take the id over. */
export const IMPORT_LEASE_MS = 30_000;

/** True for the header of an import that is probably still running (its lease has not run out). */
export function isImportRunning(item: Item | undefined): boolean {
  return item?.pend === "import" && typeof item.pt === "number" && Date.now() - item.pt < IMPORT_LEASE_MS;
}

export function isLive(item: Item | undefined): item is HeaderItem {
  return item !== undefined && item.pend === undefined && typeof item.j === "string";
}

/** The header attributes holding the dialogue itself (everything but its counters and keys). */
export function dialogueAttributes(d: Dialogue): { j: string; ti: string; ds: string; dc: string; ua: string } {
  const { updatedAt, title, ...rest } = d;
  return { j: JSON.stringify(rest), ti: title, ds: d.status, dc: d.createdAt, ua: updatedAt };
}

/** The header item of a dialogue with its counters (`pend` set: invisible, no GSI keys). */
export function headerItem(d: Dialogue, counts: DialogueCounts, shards: ShardRotation, pend?: { token: string }): Item {
  const item: Item = {
    ...dialogueHeaderKey(d.id),
    ...dialogueAttributes(d),
    pc: counts.perspectiveCount,
    tc: counts.tensionCount,
    uc: counts.unresolvedTensionCount,
    v: 1,
  };
  if (pend) Object.assign(item, { pend: "import", tok: pend.token, pt: Date.now() });
  else Object.assign(item, listingKeys(d, shards));
  return item;
}

/**
 * The GSI attributes of a visible dialogue header. Every write that moves a dialogue (its sort
 * key holds updatedAt) also moves its entries to the next shard of the writer's rotation, so
 * a few busy dialogues heat no shard more than many quiet ones; readers merge every shard.
 */
export function listingKeys(d: { id: string; status: string; updatedAt: string }, shards: ShardRotation): Item {
  const sk = listingSortKey(d.updatedAt, d.id);
  const shard = shards.take();
  return { g1pk: statusPartition(d.status, shard), g1sk: sk, g2pk: allDialoguesPartition(shard), g2sk: sk };
}

/** The dialogue of a header item, fields in the reference backend's order. */
export function dialogueOf(item: Item): Dialogue {
  const j = JSON.parse(item.j as string) as Omit<Dialogue, "updatedAt" | "title">;
  const d: Dialogue = { id: j.id, title: item.ti as string, status: j.status, createdAt: j.createdAt, updatedAt: item.ua as string };
  if (j.question !== undefined) d.question = j.question;
  if (j.metadata !== undefined) d.metadata = j.metadata;
  return d;
}

export function countsOf(item: Item): DialogueCounts {
  return { perspectiveCount: item.pc as number, tensionCount: item.tc as number, unresolvedTensionCount: item.uc as number };
}

/** The summary of a listing index entry (or a header): the GSIs hold only what it needs. */
export function summaryOf(item: Item): DialogueSummary {
  const d: Dialogue = {
    id: decodeKey(item.pk as string)[1]!,
    title: item.ti as string,
    status: item.ds as Dialogue["status"],
    createdAt: item.dc as string,
    updatedAt: item.ua as string,
  };
  return summarizeDialogue(d, countsOf(item));
}

export const perspectiveItem = (p: Perspective): Item => ({ ...perspectiveKey(p.dialogueId, p.id), j: JSON.stringify(p) });
export const tensionItem = (t: Tension, seq: number): Item => ({
  ...tensionKey(t.dialogueId, t.id),
  j: JSON.stringify(t),
  st: t.status,
  seq,
});
export const eventItem = (dialogueId: string, tensionId: string, e: TensionEvent): Item => ({
  ...eventKey(dialogueId, tensionId, e.seq),
  j: JSON.stringify(e),
});

/**
 * The header update of a child write: counters move by `deltas`, version +1, and `updatedAt`
 * moves forward to `at` ("forward": condition ua <= at) or stays ("keep": condition ua > at).
 * Moving forward moves the listing entries, whose partition names the status: `status` is
 * the writer's guess (condition ds = status). Mode and status are guessed and corrected from
 * the old item DynamoDB returns when the condition fails.
 */
export function headerTouch(
  table: string,
  dialogueId: string,
  at: string,
  mode: "forward" | "keep",
  deltas: { pc?: number; tc?: number; uc?: number },
  guess: { status: string; shards: ShardRotation },
): TransactWriteItem {
  const values: Item = { ":at": at, ":one": 1 };
  const adds = ["v :one"];
  for (const [k, n] of Object.entries(deltas)) {
    if (n === undefined || n === 0) continue;
    values[`:${k}`] = n;
    adds.push(`${k} :${k}`);
  }
  let update = `ADD ${adds.join(", ")}`;
  let condition = `${HEADER_LIVE} AND ua > :at`;
  if (mode === "forward") {
    const keys = listingKeys({ id: dialogueId, status: guess.status, updatedAt: at }, guess.shards);
    Object.assign(values, { ":lk": keys.g1sk, ":g1pk": keys.g1pk, ":g2pk": keys.g2pk, ":ds": guess.status });
    update = `SET ua = :at, g1pk = :g1pk, g2pk = :g2pk, g1sk = :lk, g2sk = :lk ${update}`;
    condition = `${HEADER_LIVE} AND ua <= :at AND ds = :ds`;
  }
  return {
    Update: {
      TableName: table,
      Key: marshallItem(dialogueHeaderKey(dialogueId)),
      UpdateExpression: update,
      ConditionExpression: condition,
      ExpressionAttributeValues: marshallItem(values),
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}

/** A conditional Put inside a transaction. */
export function putNew(table: string, item: Item): TransactWriteItem {
  return { Put: { TableName: table, Item: marshallItem(item), ConditionExpression: "attribute_not_exists(pk)" } };
}
