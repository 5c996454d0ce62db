// Capacity the way AWS bills it (not DynamoDB Local's ConsumedCapacity, which under-reports
// transactions): item sizes by AWS's rules, 1 WCU per KB written per item (2 inside
// TransactWriteItems), 1 RCU per 4 KB read (strongly consistent; half when eventual, rounded
// per request for Query and per item for GetItem/BatchGetItem), and every GSI entry written:
// an entry whose key changes is a delete under the old key plus a put under the new.
import { DescribeTableCommand, GetItemCommand } from "@aws-sdk/client-dynamodb";

/** AWS's item size: attribute names plus values (S/B: bytes, N: ~digits/2 + 1, M/L: 3 + elements + 1 each). */
export function itemSize(item) {
  let n = 0;
  for (const [name, value] of Object.entries(item ?? {})) n += Buffer.byteLength(name) + valueSize(value);
  return n;
}
function valueSize(v) {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|e.*$/gi, "").replace(/^0+/, "").length / 2) + 1;
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + Buffer.byteLength(k) + valueSize(x) + 1, 0);
  if (v.L) return 3 + v.L.reduce((s, x) => s + valueSize(x) + 1, 0);
  if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + x.length, 0);
  return 0;
}
const wcu = (bytes) => Math.max(1, Math.ceil(bytes / 1024));
const rcu = (bytes, consistent) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

/** The table's secondary indexes (GSIs and LSIs): name, key attributes and what they project. */
export async function indexesOf(client, table) {
  const t = (await client.send(new DescribeTableCommand({ TableName: table }))).Table;
  return [...(t.GlobalSecondaryIndexes ?? []), ...(t.LocalSecondaryIndexes ?? [])].map((g) => ({
    name: g.IndexName,
    pk: g.KeySchema.find((k) => k.KeyType === "HASH").AttributeName,
    sk: g.KeySchema.find((k) => k.KeyType === "RANGE").AttributeName,
    projected: g.Projection.ProjectionType === "ALL" ? undefined : new Set([...(g.Projection.NonKeyAttributes ?? []), "pk", "sk"]),
  }));
}

/** The entry an item has in `index` (undefined: none): its partition key, sort key and size. */
export function indexEntry(item, index) {
  const keyValue = (v) => v?.S ?? v?.N;
  if (!keyValue(item?.[index.pk]) || !keyValue(item?.[index.sk])) return undefined;
  const kept = index.projected
    ? Object.fromEntries(Object.entries(item).filter(([k]) => index.projected.has(k) || k === index.pk || k === index.sk))
    : item;
  return {
    pk: keyValue(item[index.pk]),
    key: `${keyValue(item[index.pk])}\u0000${keyValue(item[index.sk])}`,
    size: itemSize(kept),
    body: JSON.stringify(kept),
  };
}

/** The writes (partition key, WCU) a change of one item from `before` to `after` makes in each GSI. */
export function indexWrites(before, after, indexes) {
  const out = [];
  for (const ix of indexes) {
    const was = indexEntry(before, ix);
    const now = indexEntry(after, ix);
    if (was && now && was.key === now.key) {
      if (was.body !== now.body) out.push({ index: ix.name, pk: now.pk, wcu: wcu(now.size) });
      continue;
    }
    if (was) out.push({ index: ix.name, pk: was.pk, wcu: wcu(was.size) });
    if (now) out.push({ index: ix.name, pk: now.pk, wcu: wcu(now.size) });
  }
  return out;
}

const keyOf = (k) => ({ pk: k.pk, sk: k.sk });

/**
 * A capacity meter on `client`: while `enabled`, each request's billed capacity is computed
 * from its input and the items it touches (read before and after through `reader`, a client
 * without this middleware). `units()` is the total since `reset()`.
 */
export function billingMeter(client, reader, table, indexes) {
  let units = 0;
  const meter = { enabled: false, units: () => units, reset: () => (units = 0) };
  const read = async (key) => (await reader.send(new GetItemCommand({ TableName: table, Key: keyOf(key), ConsistentRead: true }))).Item;
  client.middlewareStack.add(
    (next, ctx) => async (args) => {
      if (!meter.enabled) return next(args);
      const name = ctx.commandName.replace(/Command$/, "");
      const input = args.input;
      const writes = [];
      if (name === "PutItem") writes.push({ key: input.Item, factor: 1 });
      if (name === "UpdateItem" || name === "DeleteItem") writes.push({ key: input.Key, factor: 1 });
      if (name === "TransactWriteItems") {
        for (const a of input.TransactItems) {
          if (a.Put) writes.push({ key: a.Put.Item, factor: 2 });
          else if (a.Update) writes.push({ key: a.Update.Key, factor: 2 });
          else if (a.Delete) writes.push({ key: a.Delete.Key, factor: 2 });
          else if (a.ConditionCheck) units += 2 * rcu(itemSize(await read(a.ConditionCheck.Key)), true);
        }
      }
      if (name === "BatchWriteItem")
        for (const w of input.RequestItems[table] ?? []) writes.push({ key: w.PutRequest?.Item ?? w.DeleteRequest.Key, factor: 1 });
      const before = await Promise.all(writes.map((w) => read(w.key)));
      const out = await next(args);
      const o = out.output;
      if (name === "GetItem") units += rcu(itemSize(o.Item), input.ConsistentRead === true);
      if (name === "Query" || name === "Scan")
        units += rcu(
          (o.Items ?? []).reduce((s, i) => s + itemSize(i), 0),
          input.ConsistentRead === true,
        );
      if (name === "BatchGetItem") {
        const got = o.Responses?.[table] ?? [];
        const consistent = input.RequestItems[table]?.ConsistentRead === true;
        const missing = (input.RequestItems[table]?.Keys.length ?? 0) - got.length - (o.UnprocessedKeys?.[table]?.Keys?.length ?? 0);
        units += got.reduce((s, i) => s + rcu(itemSize(i), consistent), 0) + Math.max(0, missing) * rcu(0, consistent);
      }
      const unprocessed = new Set(
        (o.UnprocessedItems?.[table] ?? []).map((w) => JSON.stringify(keyOf(w.PutRequest?.Item ?? w.DeleteRequest.Key))),
      );
      const after = await Promise.all(writes.map((w) => read(w.key)));
      writes.forEach((w, i) => {
        if (unprocessed.has(JSON.stringify(keyOf(w.key)))) return;
        units += w.factor * wcu(Math.max(itemSize(before[i]), itemSize(after[i])));
        for (const x of indexWrites(before[i], after[i], indexes)) units += x.wcu;
      });
      return out;
    },
    { step: "initialize", name: "benchBilling" },
  );
  return meter;
}
