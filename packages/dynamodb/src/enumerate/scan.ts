import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { mapAwsError } from "../client/errors";
import type { Executor, Item } from "../client/executor";

/** Segments of the parallel Scan (backup only; see docs/access-patterns.md, "Backup"). */
export const SCAN_SEGMENTS = 4;

/**
 * A parallel, strongly consistent Scan of the table for items whose pk begins with
 * `pkPrefix`, projected to `attributes`. Reads the whole table (the filter only trims what
 * comes back): used by enumeration for backup and migration, never by application traffic.
 */
export async function scanPrefix(exec: Executor, pkPrefix: string, attributes: string[], onItem: (item: Item) => void): Promise<void> {
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  await Promise.all(
    Array.from({ length: SCAN_SEGMENTS }, async (_, segment) => {
      let start: Record<string, AttributeValue> | undefined;
      do {
        let out: { Items?: Record<string, AttributeValue>[]; LastEvaluatedKey?: Record<string, AttributeValue> };
        try {
          out = await exec.client.send(
            new ScanCommand({
              TableName: exec.table,
              Segment: segment,
              TotalSegments: SCAN_SEGMENTS,
              ConsistentRead: true,
              FilterExpression: "begins_with(#a0, :prefix)",
              ProjectionExpression: Object.keys(names).join(", "),
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: marshall({ ":prefix": pkPrefix }),
              ReturnConsumedCapacity: "TOTAL",
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          );
        } catch (e) {
          throw mapAwsError(e, "catalog.scan", exec.table);
        }
        for (const raw of out.Items ?? []) onItem(unmarshall(raw));
        start = out.LastEvaluatedKey;
      } while (start !== undefined);
    }),
  );
}
