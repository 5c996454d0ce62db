import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import {
  summarizeDialogue,
  type Dialogue,
  type DialogueCounts,
  type DialogueSummary,
  type Perspective,
  type Tension,
  type TensionEvent,
} from "@blue/store-core";
import { marshallItem, type Item } from "../client/executor";
import {
  ALL_DIALOGUES_PARTITION,
  dialogueHeaderKey,
  eventKey,
  listingSortKey,
  perspectiveKey,
  statusPartition,
  tensionKey,
} from "../table/keys";

/**
 * Dialogue header attributes: j (the dialogue as JSON, without updatedAt), ua (updatedAt),
 * pc/tc/uc (counters), v (version, +1 on every write), g1pk/g1sk and g2pk/g2sk (the listing
 * GSIs), pend ("import" | "delete" while a multi-request import or delete runs: the dialogue
 * is then invisible and left out of the GSIs; an import also records its token `tok` and
 * wall-clock start `pt`, its lease).
 */
export type HeaderItem = Item & { j: string; ua: string; pc: number; tc: number; uc: number; v: number; pend?: string };

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

/** The header item of a dialogue with its counters (`pend` set: invisible, no GSI keys). */
export function headerItem(d: Dialogue, counts: DialogueCounts, pend?: { token: string }): Item {
  const { updatedAt, ...rest } = d;
  const item: Item = {
    ...dialogueHeaderKey(d.id),
    j: JSON.stringify(rest),
    ua: updatedAt,
    pc: counts.perspectiveCount,
    tc: counts.tensionCount,
    uc: counts.unresolvedTensionCount,
    v: 1,
  };
  if (pend) Object.assign(item, { pend: "import", tok: pend.token, pt: Date.now() });
  else Object.assign(item, listingKeys(d));
  return item;
}

/** The GSI attributes of a visible dialogue header. */
export function listingKeys(d: { id: string; status: string; updatedAt: string }): Item {
  const sk = listingSortKey(d.updatedAt, d.id);
  return { g1pk: statusPartition(d.status), g1sk: sk, g2pk: ALL_DIALOGUES_PARTITION, g2sk: sk };
}

/** The dialogue of a header item, fields in the reference backend's order. */
export function dialogueOf(item: Item): Dialogue {
  const j = JSON.parse(item.j as string) as Omit<Dialogue, "updatedAt">;
  const d: Dialogue = { id: j.id, title: j.title, status: j.status, createdAt: j.createdAt, updatedAt: item.ua as string };
  if (j.question !== undefined) d.question = j.question;
  if (j.metadata !== undefined) d.metadata = j.metadata;
  return d;
}

export function countsOf(item: Item): DialogueCounts {
  return { perspectiveCount: item.pc as number, tensionCount: item.tc as number, unresolvedTensionCount: item.uc as number };
}

export function summaryOf(item: Item): DialogueSummary {
  return summarizeDialogue(dialogueOf(item), countsOf(item));
}

export const perspectiveItem = (p: Perspective): Item => ({ ...perspectiveKey(p.dialogueId, p.id), j: JSON.stringify(p) });
export const tensionItem = (t: Tension, seq: number): Item => ({ ...tensionKey(t.dialogueId, t.id), j: JSON.stringify(t), st: t.status, seq });
export const eventItem = (dialogueId: string, tensionId: string, e: TensionEvent): Item => ({ ...eventKey(dialogueId, tensionId, e.seq), j: JSON.stringify(e) });

/**
 * The header update of a child write: counters move by `deltas`, version +1, and `updatedAt`
 * moves forward to `at` ("forward": condition ua <= at) or stays ("keep": condition ua > at).
 * Which one applies is guessed ("forward", the usual case) and corrected from the old item
 * DynamoDB returns when the condition fails.
 */
export function headerTouch(
  table: string,
  dialogueId: string,
  at: string,
  mode: "forward" | "keep",
  deltas: { pc?: number; tc?: number; uc?: number },
): TransactWriteItem {
  const values: Item = { ":at": at, ":one": 1 };
  const adds = ["v :one"];
  for (const [k, n] of Object.entries(deltas)) {
    if (n === undefined || n === 0) continue;
    values[`:${k}`] = n;
    adds.push(`${k} :${k}`);
  }
  let update = `ADD ${adds.join(", ")}`;
  if (mode === "forward") {
    values[":lk"] = listingSortKey(at, dialogueId);
    update = `SET ua = :at, g1sk = :lk, g2sk = :lk ${update}`;
  }
  return {
    Update: {
      TableName: table,
      Key: marshallItem(dialogueHeaderKey(dialogueId)),
      UpdateExpression: update,
      ConditionExpression: `${HEADER_LIVE} AND ua ${mode === "forward" ? "<=" : ">"} :at`,
      ExpressionAttributeValues: marshallItem(values),
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}

/** A conditional Put inside a transaction. */
export function putNew(table: string, item: Item): TransactWriteItem {
  return { Put: { TableName: table, Item: marshallItem(item), ConditionExpression: "attribute_not_exists(pk)" } };
}
