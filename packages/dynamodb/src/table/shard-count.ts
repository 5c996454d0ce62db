import { ConfigError } from "@blue/store-core";
import { isConditionFailed, type Executor } from "../client/executor";
import { shardCountKey } from "./keys";
import { DEFAULT_SHARDS } from "./shards";

/**
 * The table's shard count. The first handle on a table records its `shards` (default
 * DEFAULT_SHARDS) in the item ("META", "shards"); later handles use the recorded count, and a
 * handle asking for another count is refused with CONFIG: listings and statistics are read from
 * every shard, so a table's count never changes under its data.
 */
export async function resolveShards(exec: Executor, requested: number | undefined): Promise<number> {
  for (;;) {
    const item = await exec.get(shardCountKey, "open");
    if (item) {
      const recorded = item.n as number;
      if (requested !== undefined && requested !== recorded) {
        throw new ConfigError(
          `DynamoDB table ${exec.table} is sharded over ${recorded} partition keys, but it was opened with shards = ${requested}. ` +
            `Open it with shards = ${recorded} (or leave shards unset), or copy its data to a new table prefix with \`blue-store migrate\`.`,
          { details: { table: exec.table, shards: recorded, requested } },
        );
      }
      return recorded;
    }
    const n = requested ?? DEFAULT_SHARDS;
    try {
      await exec.put({ ...shardCountKey, n }, "open", { ConditionExpression: "attribute_not_exists(pk)" });
      return n;
    } catch (e) {
      if (!isConditionFailed(e)) throw e; // another handle recorded its count first: read it
    }
  }
}
