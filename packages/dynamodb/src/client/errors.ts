import { ConfigError, InternalError, ItemTooLargeError, UnavailableError, isStoreError, type StoreError } from "@blue/store-core";

/** AWS error names that mean "try again later". */
const TRANSIENT_NAMES = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "Throttling",
  "RequestLimitExceeded",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TransactionInProgressException",
  "TransactionConflictException",
  "LimitExceededException",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "NetworkingError",
  "AbortError",
]);
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ECONNABORTED",
  "ENETUNREACH",
]);

/** The AWS error name (`ConditionalCheckFailedException`, …) of `e`, if any. */
export function awsErrorName(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const name = (e as { name?: unknown }).name;
  return typeof name === "string" ? name : undefined;
}

function httpStatus(e: unknown): number | undefined {
  const status = (e as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

/** True for throttling, 5xx and network failures (after the SDK's own retries); looks into `cause`s. */
export function isTransient(e: unknown, depth = 0): boolean {
  if (typeof e !== "object" || e === null || depth > 5) return false;
  const cause = (e as { cause?: unknown; $cause?: unknown }).cause ?? (e as { $cause?: unknown }).$cause;
  if (cause !== undefined && cause !== e && isTransient(cause, depth + 1)) return true;
  const name = awsErrorName(e) ?? "";
  const code = (e as { code?: unknown }).code;
  const status = httpStatus(e);
  // The SDK wraps a non-Error thrown value (e.g. a Node error from another realm, as under jest)
  // as "AWS SDK error wrapper for Error: connect ECONNREFUSED …", losing `code`: read the text.
  const message = (e as { message?: unknown }).message;
  const wrappedNetworkError =
    typeof message === "string" &&
    message.startsWith("AWS SDK error wrapper") &&
    /\b(E[A-Z_]+|socket hang up)\b/.test(message) &&
    [...NETWORK_CODES, "socket hang up"].some((c) => message.includes(c));
  return (
    wrappedNetworkError ||
    TRANSIENT_NAMES.has(name) ||
    (typeof code === "string" && NETWORK_CODES.has(code)) ||
    typeof (e as { $retryable?: unknown }).$retryable === "object" ||
    (status !== undefined && status >= 500)
  );
}

/**
 * Maps an AWS SDK error to a StoreError: a missing table is CONFIG (with how to create it),
 * throttling/5xx/network are UNAVAILABLE (retryable), an oversized item is ITEM_TOO_LARGE,
 * anything else is INTERNAL. The AWS error is kept as `cause`; no AWS type escapes.
 */
export function mapAwsError(e: unknown, context: string, table: string): StoreError {
  if (isStoreError(e)) return e;
  const name = awsErrorName(e) ?? "Error";
  const message = e instanceof Error ? e.message : String(e);
  if (name === "ResourceNotFoundException") {
    return new ConfigError(
      `DynamoDB table ${table} does not exist (${context}). Create it with openDynamoStorage({ createTables: true }), ` +
        "ensureTables(), or `blue-store init` with create_tables = true in .blue/config.toml",
      { cause: e, details: { table, missing: true } },
    );
  }
  if (isTransient(e)) {
    return new UnavailableError(`DynamoDB is unavailable (${context}): ${name}: ${message}`, { cause: e, details: { awsError: name } });
  }
  if (name === "ValidationException" && /item size|size has exceeded|too large/i.test(message)) {
    return new ItemTooLargeError(`DynamoDB refused an item as too large (${context}): ${message}`, { cause: e });
  }
  if (
    name === "UnrecognizedClientException" ||
    name === "AccessDeniedException" ||
    name === "InvalidSignatureException" ||
    name === "CredentialsProviderError"
  ) {
    return new ConfigError(`DynamoDB refused the credentials (${context}): ${message}`, {
      cause: e,
      details: { awsError: name, credentials: true },
    });
  }
  return new InternalError(`DynamoDB request failed (${context}): ${name}: ${message}`, { cause: e, details: { awsError: name } });
}
