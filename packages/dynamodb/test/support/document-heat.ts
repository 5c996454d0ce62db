import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

type AV = { S?: string };
type Attrs = Record<string, AV>;

/**
 * Counts, per partition key, the item writes each request sends — of the table (pk) and of
 * each index whose key an item carries (attributes g<n>pk) — the way DynamoDB bills them:
 * every item put, updated or deleted is a write in its partition; an index entry an item
 * carries or sets is counted twice (its removal under the old key and its addition under the
 * new one: an upper bound, since the old key is not known here); a posting's entry in the
 * byImpact LSI (attribute im) is counted once under "byImpact:<pk>" (it lives in the same
 * partition as the posting itself). Counted once per command
 * sent, before the SDK's retries.
 */
export interface HeatLog {
  /** Partition ("table:<pk>" or "<index attribute>:<key>") -> writes since the last reset. */
  writes(): Map<string, number>;
  reset(): void;
}

const INDEX_KEY = /^g\d+pk$/;

export function countWriteHeat(client: DynamoDBClient): HeatLog {
  let writes = new Map<string, number>();
  const add = (key: string, n = 1) => writes.set(key, (writes.get(key) ?? 0) + n);
  const item = (attrs: Attrs) => {
    add(`table:${attrs.pk?.S}`);
    if (attrs.im !== undefined) add(`byImpact:${attrs.pk?.S}`);
    for (const [name, v] of Object.entries(attrs)) if (INDEX_KEY.test(name) && v.S !== undefined) add(`${name}:${v.S}`, 2);
  };
  const update = (u: {
    Key?: Attrs;
    UpdateExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Attrs;
  }) => {
    add(`table:${u.Key?.pk?.S}`);
    for (const m of (u.UpdateExpression ?? "").matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
      const name = m[1]!.startsWith("#") ? u.ExpressionAttributeNames?.[m[1]!] : m[1];
      const value = u.ExpressionAttributeValues?.[m[2]!]?.S;
      if (name && INDEX_KEY.test(name) && value !== undefined) add(`${name}:${value}`, 2);
    }
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? "").replace(/Command$/, "");
      const input = args.input as Record<string, unknown>;
      if (name === "PutItem") item(input.Item as Attrs);
      else if (name === "UpdateItem") update(input as never);
      else if (name === "DeleteItem") add(`table:${(input.Key as Attrs).pk?.S}`);
      else if (name === "BatchWriteItem") {
        for (const requests of Object.values(
          input.RequestItems as Record<string, Array<{ PutRequest?: { Item: Attrs }; DeleteRequest?: { Key: Attrs } }>>,
        )) {
          for (const r of requests) {
            if (r.PutRequest) item(r.PutRequest.Item);
            else add(`table:${r.DeleteRequest!.Key.pk?.S}`);
          }
        }
      } else if (name === "TransactWriteItems") {
        for (const t of input.TransactItems as Array<{ Put?: { Item: Attrs }; Update?: never; Delete?: { Key: Attrs } }>) {
          if (t.Put) item(t.Put.Item);
          else if (t.Update) update(t.Update);
          else if (t.Delete) add(`table:${t.Delete.Key.pk?.S}`);
        }
      }
      return next(args);
    },
    { step: "initialize", name: "blueWriteHeat", override: true },
  );
  return {
    writes: () => new Map(writes),
    reset() {
      writes = new Map();
    },
  };
}

/** The partition with the most writes, among those `keep` accepts. */
export function hottest(writes: Map<string, number>, keep: (key: string) => boolean = () => true): { key: string; writes: number } {
  let best = { key: "", writes: 0 };
  for (const [key, n] of writes) if (keep(key) && n > best.writes) best = { key, writes: n };
  return best;
}
