import { marshallItem, type Executor } from "../client/executor";
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { termListKey } from "../table/keys";

/**
 * A document's term list (pk ("DOC", id), sk "#ix"): the index tokens of its last fully
 * indexed version, joined by spaces (index tokens hold no space; a long token is kept as its
 * 44-character hash, so 8,192 tokens fit one item). Written in the transaction that completes
 * an index change, it tells a repair which postings a half-applied change may have left:
 * those of the term list and those of the committed document, nothing else.
 */
export async function readTermList(exec: Executor, id: number, context: string): Promise<string[]> {
  const item = await exec.get(termListKey(id), context);
  const t = item?.t as string | undefined;
  return t ? t.split(" ") : [];
}

/** The transaction action that records `tokens` as document `id`'s term list (a delete when empty). */
export function termListWrite(table: string, id: number, tokens: Iterable<string>): TransactWriteItem {
  const t = [...tokens].join(" ");
  if (t === "") return { Delete: { TableName: table, Key: marshallItem(termListKey(id)) } };
  return { Put: { TableName: table, Item: marshallItem({ ...termListKey(id), t }) } };
}
