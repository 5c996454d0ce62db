import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  type DynamoDBClient,
  InternalServerError,
} from "@aws-sdk/client-dynamodb";

/** A fault that decides, per command, what to do: pass, throw before sending, or act around the real call. */
export type Fault = (
  command: string,
  input: Record<string, unknown>,
  send: () => Promise<{ output: unknown }>,
) => Promise<{ output: unknown }>;

let seq = 0;
/**
 * Installs `fault` on the client's middleware stack. Step "deserialize" runs inside the SDK's
 * retry loop (each attempt passes through it); "initialize" runs once per command.
 * Returns a function that removes it.
 */
export function inject(client: DynamoDBClient, step: "initialize" | "deserialize", fault: Fault): () => void {
  const name = `blueFault${seq++}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? "").replace(/Command$/, "");
      return (await fault(command, args.input as Record<string, unknown>, () => next(args) as Promise<{ output: unknown }>)) as never;
    },
    { step: step as "deserialize", name },
  );
  return () => client.middlewareStack.remove(name);
}

export const throttling = () =>
  new ProvisionedThroughputExceededException({ message: "injected throttling", $metadata: { httpStatusCode: 400 } });

export const conflict = (actions: number) =>
  new TransactionCanceledException({
    message: "Transaction cancelled (injected)",
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: Array.from({ length: actions }, (_, i) =>
      i === 0 ? { Code: "TransactionConflict", Message: "injected" } : { Code: "None" },
    ),
  });

/** What DynamoDB Local answers when a transaction waited too long for an item lock (DynamoDB would say TransactionConflict). */
export const lockTimeout = () =>
  new InternalServerError({
    message: "This action timed out because it too long waiting for a lock. This request will succeed in actual DynamoDB API (injected)",
    $metadata: { httpStatusCode: 500 },
  });

/** A network error as Node reports a connection reset (the SDK retries it as transient). */
export function connectionReset(): Error {
  return Object.assign(new Error("socket hang up (injected)"), { code: "ECONNRESET", name: "Error" });
}
