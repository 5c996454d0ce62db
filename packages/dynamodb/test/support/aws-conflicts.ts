import { TransactionCanceledException, TransactionConflictException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inject } from "./faults";

type Raw = Record<string, { S?: string }> | undefined;
const keyOf = (table: unknown, k: Raw) => `${String(table)}\u0000${k?.pk?.S}\u0000${k?.sk?.S}`;

/** The keys a TransactWriteItems touches, in action order. */
function transactionKeys(input: Record<string, unknown>): string[] {
  return ((input.TransactItems as Record<string, { TableName?: string; Item?: Raw; Key?: Raw }>[]) ?? []).map((action) => {
    const a = action.Put ?? action.Update ?? action.Delete ?? action.ConditionCheck;
    return keyOf(a?.TableName, a?.Item ?? a?.Key);
  });
}

/**
 * Makes DynamoDB Local conflict the way AWS does (Local serializes requests and never
 * conflicts): while a TransactWriteItems is in flight, another transaction touching one of its
 * items is cancelled with TransactionConflict, and a single-item write to one of them is
 * refused with TransactionConflictException; a transaction touching an item a single-item write
 * holds is cancelled too. `injected()` counts the conflicts raised. Returns a remover.
 */
export function emulateAwsConflicts(client: DynamoDBClient): { injected(): number; remove(): void } {
  const inTransactions = new Map<string, number>();
  const inWrites = new Map<string, number>();
  let count = 0;
  const hold = (m: Map<string, number>, keys: string[], by: number) => {
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + by);
  };
  const remove = inject(client, "deserialize", async (command, input, send) => {
    let keys: string[];
    let held: Map<string, number>;
    if (command === "TransactWriteItems") {
      keys = transactionKeys(input);
      const busy = keys.map((k) => (inTransactions.get(k) ?? 0) + (inWrites.get(k) ?? 0) > 0);
      if (busy.some(Boolean)) {
        count++;
        throw new TransactionCanceledException({
          message: "Transaction cancelled, please refer cancellation reasons for specific reasons [emulated]",
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: busy.map((b) =>
            b ? { Code: "TransactionConflict", Message: "Transaction is ongoing for the item" } : { Code: "None" },
          ),
        });
      }
      held = inTransactions;
    } else if (command === "PutItem" || command === "UpdateItem" || command === "DeleteItem") {
      keys = [keyOf(input.TableName, (input.Item ?? input.Key) as Raw)];
      if ((inTransactions.get(keys[0]!) ?? 0) > 0) {
        count++;
        throw new TransactionConflictException({
          message: "Transaction is ongoing for the item [emulated]",
          $metadata: { httpStatusCode: 400 },
        });
      }
      held = inWrites;
    } else {
      return send();
    }
    hold(held, keys, 1);
    try {
      return await send();
    } finally {
      hold(held, keys, -1);
    }
  });
  return { injected: () => count, remove };
}
