import { GetItemCommand, type AttributeValue, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { STATUS_INDEX, UPDATED_INDEX } from "../../src";

type Plain = Record<string, unknown>;
type Key = { pk: string; sk: string };

/** The listing GSIs: key attributes and the attributes they hold (the summary's). */
const INDEXES = [
  { name: STATUS_INDEX, pk: "g1pk", sk: "g1sk" },
  { name: UPDATED_INDEX, pk: "g2pk", sk: "g2sk" },
];
const PROJECTED = ["ti", "ds", "dc", "ua", "pc", "tc", "uc"];

/** Writes per partition key ("table <pk>", "<index> <gsi pk>") counted the way DynamoDB bills them. */
export interface HeatLog {
  writes(): Map<string, number>;
  /** The partition key with the most writes. */
  hottest(): { key: string; writes: number };
  reset(): void;
}

/**
 * Counts, after every successful write request of `client`, the item changes per partition
 * key of the table and of each listing GSI: every item put, updated or deleted is a write in
 * its table partition; a GSI entry written is a write in its index partition, and an entry
 * whose key changed is two (removed under the old key, added under the new). The items'
 * previous state is a shadow copy, their new state is read back with `reader` (a client
 * without this middleware), so the counts do not depend on what the backend says it wrote.
 */
export function watchHeat(client: DynamoDBClient, reader: DynamoDBClient, table: string): HeatLog {
  const shadow = new Map<string, Plain | undefined>();
  let counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const record = async (k: Key) => {
    const id = `${k.pk}\u0000${k.sk}`;
    const before = shadow.get(id);
    const out = await reader.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: k.pk }, sk: { S: k.sk } }, ConsistentRead: true }),
    );
    const after = out.Item ? unmarshall(out.Item) : undefined;
    shadow.set(id, after);
    add(`table ${k.pk}`);
    for (const ix of INDEXES) {
      const was =
        before && typeof before[ix.pk] === "string" && typeof before[ix.sk] === "string"
          ? `${before[ix.pk]}\u0000${before[ix.sk]}`
          : undefined;
      const now =
        after && typeof after[ix.pk] === "string" && typeof after[ix.sk] === "string" ? `${after[ix.pk]}\u0000${after[ix.sk]}` : undefined;
      if (was !== undefined && was === now) {
        if (PROJECTED.some((a) => JSON.stringify(before![a]) !== JSON.stringify(after![a]))) add(`${ix.name} ${after![ix.pk]}`);
        continue;
      }
      if (was !== undefined) add(`${ix.name} ${before![ix.pk]}`);
      if (now !== undefined) add(`${ix.name} ${after![ix.pk]}`);
    }
  };
  const keyOf = (k: Record<string, AttributeValue>): Key => ({ pk: k.pk!.S!, sk: k.sk!.S! });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      const input = args.input as Plain;
      const keys: Key[] = [];
      switch (String(context.commandName)) {
        case "PutItemCommand":
          keys.push(keyOf(input.Item as Record<string, AttributeValue>));
          break;
        case "UpdateItemCommand":
        case "DeleteItemCommand":
          keys.push(keyOf(input.Key as Record<string, AttributeValue>));
          break;
        case "TransactWriteItemsCommand":
          for (const a of input.TransactItems as Array<
            Record<string, { Item?: Record<string, AttributeValue>; Key?: Record<string, AttributeValue> }>
          >) {
            if (a.Put) keys.push(keyOf(a.Put.Item!));
            else if (a.Update) keys.push(keyOf(a.Update.Key!));
            else if (a.Delete) keys.push(keyOf(a.Delete.Key!));
          }
          break;
        case "BatchWriteItemCommand": {
          const unprocessed = new Set(
            (
              (
                out.output as {
                  UnprocessedItems?: Record<
                    string,
                    Array<{
                      PutRequest?: { Item: Record<string, AttributeValue> };
                      DeleteRequest?: { Key: Record<string, AttributeValue> };
                    }>
                  >;
                }
              ).UnprocessedItems?.[table] ?? []
            ).map((w) => {
              const k = keyOf((w.PutRequest?.Item ?? w.DeleteRequest!.Key)!);
              return `${k.pk}\u0000${k.sk}`;
            }),
          );
          for (const w of (
            input.RequestItems as Record<
              string,
              Array<{ PutRequest?: { Item: Record<string, AttributeValue> }; DeleteRequest?: { Key: Record<string, AttributeValue> } }>
            >
          )[table] ?? []) {
            const k = keyOf((w.PutRequest?.Item ?? w.DeleteRequest!.Key)!);
            if (!unprocessed.has(`${k.pk}\u0000${k.sk}`)) keys.push(k);
          }
          break;
        }
      }
      for (const k of keys) await record(k);
      return out;
    },
    { step: "initialize", name: "blueHeatLog" },
  );
  return {
    writes: () => new Map(counts),
    hottest() {
      let best = { key: "", writes: 0 };
      for (const [key, writes] of counts) if (writes > best.writes) best = { key, writes };
      return best;
    },
    reset() {
      counts = new Map();
    },
  };
}
