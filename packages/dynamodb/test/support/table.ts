import { BatchGetItemCommand, GetItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { documentTerms } from "@blue/store-core/engine";
import { tableName } from "../../src";
import { documentHeaderKey, documentPk, listingShardPk, pad, postingPk, statsShardKey, type Key } from "../../src/table/keys";
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
      const out = await this.client.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: pk } }, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The sum of the statistics shards (n documents, tl tokens), and how many shard items exist. */
  async statistics(): Promise<{ n: number; tl: number }> {
    const keys = Array.from({ length: this.shards }, (_, s) => marshall(statsShardKey(s)));
    const out = await this.client.send(new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
    let n = 0;
    let tl = 0;
    for (const raw of out.Responses?.[this.table] ?? []) {
      const i = unmarshall(raw);
      n += (i.n as number) ?? 0;
      tl += (i.tl as number) ?? 0;
    }
    return { n, tl };
  }

  /** Every id in the listing shards, ascending. */
  async listed(): Promise<number[]> {
    const ids: number[] = [];
    for (let s = 0; s < this.shards; s++) for (const i of await this.query(listingShardPk(s))) ids.push(Number(i.sk));
    return ids.sort((a, b) => a - b);
  }

  /** The ids holding a posting of each token of `text`: token -> ids. */
  async postings(text: string): Promise<Record<string, number[]>> {
    const out: Record<string, number[]> = {};
    for (const token of documentTerms({ title: text, body: "" }).frequencies.keys()) {
      out[token] = (await this.query(postingPk(token))).map((p) => Number(p.sk)).sort((a, b) => a - b);
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
