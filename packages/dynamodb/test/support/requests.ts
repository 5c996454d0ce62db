import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

/** Counts the commands a client sends (one per logical call, before the SDK's own retries). */
export interface RequestLog {
  /** Command name without "Command" -> how many were sent since the last reset. */
  counts(): Record<string, number>;
  /** Sum of ConsumedCapacity.CapacityUnits reported since the last reset. */
  capacity(): number;
  /** The same per command (name without "Command"). */
  capacityBy(): Record<string, number>;
  reset(): void;
}

type Capacity = { CapacityUnits?: number };

export function countRequests(client: DynamoDBClient): RequestLog {
  let counts: Record<string, number> = {};
  let units = 0;
  let byCommand: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? "Unknown").replace(/Command$/, "");
      counts[name] = (counts[name] ?? 0) + 1;
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        units += c.CapacityUnits ?? 0;
        byCommand[name] = (byCommand[name] ?? 0) + (c.CapacityUnits ?? 0);
      }
      return out;
    },
    { step: "initialize", name: "blueRequestLog", override: true },
  );
  return {
    counts: () => ({ ...counts }),
    capacity: () => units,
    capacityBy: () => ({ ...byCommand }),
    reset() {
      counts = {};
      units = 0;
      byCommand = {};
    },
  };
}

/** Runs `fn` and returns the commands it sent. */
export async function requestsOf(log: RequestLog, fn: () => Promise<unknown>): Promise<Record<string, number>> {
  log.reset();
  await fn();
  return log.counts();
}
