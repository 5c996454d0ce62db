import { BatchGetItemCommand, GetItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { documentTerms } from "@blue/store-core/engine";
import { tableName } from "../../src";
import {
  documentHeaderKey,
  documentPk,
  frequencyKey,
  indexToken,
  listingShardPk,
  pad,
  postingPk,
  POSTING_SHARDS,
  statsShardKey,
  type Key,
} from "../../src/table/keys";
import { DEFAULT_SHARDS } from "../../src/table/shards";

/**
 * Reads what the documents side stores, straight from the table (not through the backend):
 * headers, the sharded listing, the sharded statistics and postings.
 */
export class RawTable {
  readonly table: string;
  constructor(
    private readonly client: DynamoDBClient,
    prefix: string,
    private readonly shards = DEFAULT_SHARDS,
  ) {
    this.table = tableName(prefix);
  }

  async get(key: Key): Promise<Record<string, unknown> | undefined> {
    const out = await this.client.send(new GetItemCommand({ TableName: this.table, Key: marshall(key), ConsistentRead: true }));
    return out.Item ? unmarshall(out.Item) : undefined;
  }

  async query(pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: pk } },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The sum of the statistics shards (n documents, tl tokens), and the ids whose index change is pending. */
  async statistics(): Promise<{ n: number; tl: number; pending: number[] }> {
    const keys = Array.from({ length: this.shards }, (_, s) => marshall(statsShardKey(s)));
    const out = await this.client.send(new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
    let n = 0;
    let tl = 0;
    const pending: number[] = [];
    for (const raw of out.Responses?.[this.table] ?? []) {
      const i = unmarshall(raw);
      n += (i.n as number) ?? 0;
      tl += (i.tl as number) ?? 0;
      for (const k of Object.keys(i)) if (/^p\d+$/.test(k)) pending.push(Number(k.slice(1)));
    }
    return { n, tl, pending: pending.sort((a, b) => a - b) };
  }

  /** Every id in the listing shards, ascending. */
  async listed(): Promise<number[]> {
    const ids: number[] = [];
    for (let s = 0; s < this.shards; s++) for (const i of await this.query(listingShardPk(s))) ids.push(Number(i.sk));
    return ids.sort((a, b) => a - b);
  }

  /** The ids holding a posting of each token of `text` (every posting shard): token -> ids. */
  async postings(text: string): Promise<Record<string, number[]>> {
    const out: Record<string, number[]> = {};
    for (const token of documentTerms({ title: text, body: "" }).frequencies.keys()) {
      const ids: number[] = [];
      for (let s = 0; s < POSTING_SHARDS; s++) {
        for (const p of await this.query(postingPk(indexToken(token), s))) ids.push(Number(p.sk));
      }
      out[token] = ids.sort((a, b) => a - b);
    }
    return out;
  }

  /** Each token's document frequency as its shards' counters say: token -> sum of counters. */
  async frequencies(text: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const token of documentTerms({ title: text, body: "" }).frequencies.keys()) {
      let n = 0;
      for (let s = 0; s < POSTING_SHARDS; s++) n += ((await this.get(frequencyKey(indexToken(token), s)))?.n as number | undefined) ?? 0;
      out[token] = n;
    }
    return out;
  }

  /** The items of document `id`'s partition (header, chunks, link copies). */
  async partition(id: number): Promise<Record<string, unknown>[]> {
    return this.query(documentPk(id));
  }

  header(id: number) {
    return this.get(documentHeaderKey(id));
  }
}

export { pad };
