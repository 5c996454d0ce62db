// Raw AWS SDK calls doing the same work as each Blue Store method (same request types, item
// shapes and sizes, and idempotency tokens on transactions), on plain keys of the same table.
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { createHash, randomUUID } from "node:crypto";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";

const RC = "TOTAL";
const K = 32;
const shard = (s) => createHash("sha256").update(s).digest().readUInt32BE(0) % K;
/** Listing keys as the backend writes them: the shard follows the listing position. */
const listing = (status, ua, id) => {
  const sk = `${ua}#${id}`;
  const n = shard(sk);
  return { g1pk: `rawS#${status}#${n}`, g2pk: `rawALL#${n}`, g1sk: sk, g2sk: sk };
};

export function rawOps(client, table) {
  const M = (v) => marshall(v, { removeUndefinedValues: true });
  const send = (c) => client.send(c);
  const get = async (pk, sk) => {
    const out = await send(new GetItemCommand({ TableName: table, Key: M({ pk, sk }), ConsistentRead: true, ReturnConsumedCapacity: RC }));
    return out.Item ? unmarshall(out.Item) : undefined;
  };
  const queryAll = async (input) => {
    const items = [];
    let start;
    do {
      const out = await send(
        new QueryCommand({ TableName: table, ReturnConsumedCapacity: RC, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      for (const i of out.Items ?? []) items.push(unmarshall(i));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  };
  const header = (id, ua) => {
    const k = listing("open", ua, id);
    return {
      Update: {
        TableName: table,
        Key: M({ pk: `raw#d#${id}`, sk: "#" }),
        UpdateExpression: "SET ua = :ua, g1pk = :g1pk, g2pk = :g2pk, g1sk = :lk, g2sk = :lk ADD pc :one, v :one",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(pend) AND ua <= :ua AND ds = :ds",
        ExpressionAttributeValues: M({ ":ua": ua, ":one": 1, ":lk": k.g1sk, ":g1pk": k.g1pk, ":g2pk": k.g2pk, ":ds": "open" }),
      },
    };
  };
  return {
    async createDialogue(id, d) {
      const { title, ...rest } = d;
      await send(
        new PutItemCommand({
          TableName: table,
          Item: M({
            pk: `raw#d#${id}`,
            sk: "#",
            j: JSON.stringify(rest),
            ti: title,
            ds: d.status,
            dc: d.createdAt,
            ua: d.createdAt,
            pc: 0,
            tc: 0,
            uc: 0,
            v: 1,
            ...listing(d.status, d.createdAt, id),
          }),
          ConditionExpression: "attribute_not_exists(pk)",
          ReturnConsumedCapacity: RC,
        }),
      );
    },
    async getDialogue(id) {
      const i = await get(`raw#d#${id}`, "#");
      return i && { ...JSON.parse(i.j), title: i.ti, updatedAt: i.ua };
    },
    async registerPerspective(p) {
      await send(
        new TransactWriteItemsCommand({
          ReturnConsumedCapacity: RC,
          ClientRequestToken: randomUUID(),
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: M({ pk: `raw#d#${p.dialogueId}`, sk: `P#${p.id}`, j: JSON.stringify(p) }),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            header(p.dialogueId, p.createdAt),
          ],
        }),
      );
    },
    async updateTensionStatus(dialogueId, tensionId, status, at) {
      const t = await get(`raw#d#${dialogueId}`, `T#${tensionId}`);
      const next = { ...JSON.parse(t.j), status, updatedAt: at };
      await send(
        new TransactWriteItemsCommand({
          ClientRequestToken: randomUUID(),
          ReturnConsumedCapacity: RC,
          TransactItems: [
            {
              Update: {
                TableName: table,
                Key: M({ pk: `raw#d#${dialogueId}`, sk: `T#${tensionId}` }),
                UpdateExpression: "SET j = :j, seq = :seq",
                ConditionExpression: "seq = :last",
                ExpressionAttributeValues: M({ ":j": JSON.stringify(next), ":seq": t.seq + 1, ":last": t.seq }),
              },
            },
            {
              Put: {
                TableName: table,
                Item: M({
                  pk: `raw#d#${dialogueId}`,
                  sk: `E#${tensionId}#${t.seq + 1}`,
                  j: JSON.stringify({ seq: t.seq + 1, status, at }),
                }),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            header(dialogueId, at),
          ],
        }),
      );
    },
    async seedTension(dialogueId, t) {
      await send(
        new PutItemCommand({ TableName: table, Item: M({ pk: `raw#d#${dialogueId}`, sk: `T#${t.id}`, j: JSON.stringify(t), seq: 1 }) }),
      );
    },
    exportDialogue: (id) =>
      queryAll({ KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: M({ ":pk": `raw#d#${id}` }), ConsistentRead: true }),
    async listDialogues(status) {
      const shards = await Promise.all(
        Array.from({ length: K }, (_, n) =>
          queryAll({
            IndexName: "byStatus",
            KeyConditionExpression: "g1pk = :p",
            ExpressionAttributeValues: M({ ":p": `rawS#${status}#${n}` }),
          }),
        ),
      );
      return shards.flat().sort((a, b) => (a.g1sk < b.g1sk ? -1 : 1));
    },
    async addDocument(doc, terms) {
      const out = await send(
        new UpdateItemCommand({
          TableName: table,
          Key: M({ pk: "raw#docs", sk: "#counter" }),
          UpdateExpression: "ADD c :one",
          ExpressionAttributeValues: M({ ":one": 1 }),
          ReturnValues: "UPDATED_NEW",
          ReturnConsumedCapacity: RC,
        }),
      );
      const id = unmarshall(out.Attributes).c;
      const puts = [...terms.frequencies].map(([t, tf]) => ({
        PutRequest: { Item: M({ pk: `raw#tk#${t}`, sk: String(id).padStart(16, "0"), tf, dl: terms.length }) },
      }));
      for (let i = 0; i < puts.length; i += 25)
        await send(new BatchWriteItemCommand({ RequestItems: { [table]: puts.slice(i, i + 25) }, ReturnConsumedCapacity: RC }));
      const { body, ...head } = doc;
      await send(
        new TransactWriteItemsCommand({
          ReturnConsumedCapacity: RC,
          ClientRequestToken: randomUUID(),
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: M({
                  pk: "raw#docs",
                  sk: String(id).padStart(16, "0"),
                  h: JSON.stringify({ id, ...head }),
                  b: body,
                  dl: terms.length,
                  v: 1,
                }),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            {
              Update: {
                TableName: table,
                Key: M({ pk: "raw#docs", sk: "#stats" }),
                UpdateExpression: "ADD n :one, tl :dl",
                ExpressionAttributeValues: M({ ":one": 1, ":dl": terms.length }),
              },
            },
          ],
        }),
      );
      return id;
    },
    async getDocument(id) {
      const i = await get("raw#docs", String(id).padStart(16, "0"));
      return i && { ...JSON.parse(i.h), body: i.b };
    },
    async search(tokens) {
      const [, ...lists] = await Promise.all([
        get("raw#docs", "#stats"),
        ...tokens.map((t) =>
          queryAll({
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: M({ ":pk": `raw#tk#${t}` }),
            ProjectionExpression: "sk, tf, dl",
            ConsistentRead: true,
          }),
        ),
      ]);
      const ids = lists[0]
        .filter((p) => lists.every((l) => l.some((q) => q.sk === p.sk)))
        .slice(0, 10)
        .map((p) => p.sk);
      if (ids.length === 0) return [];
      const out = await send(
        new BatchGetItemCommand({
          RequestItems: { [table]: { Keys: ids.map((sk) => M({ pk: "raw#docs", sk })), ConsistentRead: true } },
          ReturnConsumedCapacity: RC,
        }),
      );
      return out.Responses[table].map(unmarshall);
    },
    async addLink(l) {
      const keys = [
        { pk: `raw#lf#${l.from}`, sk: `${l.kind}#${l.to}` },
        { pk: `raw#lt#${l.to}`, sk: `${l.kind}#${l.from}` },
        { pk: `raw#ls#${shard(`${l.from}#${l.to}#${l.kind}`)}`, sk: `${l.from}#${l.to}#${l.kind}` },
        { pk: `raw#root#${l.from}`, sk: `L#${l.to}#${l.kind}` },
        { pk: `raw#root#${l.to}`, sk: `L#${l.from}#${l.kind}` },
      ];
      await send(
        new TransactWriteItemsCommand({
          ReturnConsumedCapacity: RC,
          ClientRequestToken: randomUUID(),
          TransactItems: keys.map((k) => ({
            Update: {
              TableName: table,
              Key: M(k),
              UpdateExpression: "SET ca = if_not_exists(ca, :ca), fr = :fr, tt = :tt, kd = :kd",
              ExpressionAttributeValues: M({ ":ca": l.createdAt, ":fr": l.from, ":tt": l.to, ":kd": l.kind }),
            },
          })),
        }),
      );
    },
    async linksFrom(from) {
      // The backend also reads the headers of the dialogues the links touch (a delete under way hides them).
      const links = await queryAll({
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: M({ ":pk": `raw#lf#${from}` }),
        ConsistentRead: true,
      });
      const dialogues = [
        ...new Set(
          links
            .map((l) => l.tt)
            .filter((t) => t.startsWith("dialogue:"))
            .map((t) => t.slice(9).split("/")[0]),
        ),
      ];
      if (dialogues.length > 0)
        await send(
          new BatchGetItemCommand({
            RequestItems: {
              [table]: {
                Keys: dialogues.map((id) => M({ pk: `raw#d#${id}`, sk: "#" })),
                ConsistentRead: true,
                ProjectionExpression: "pk, sk, pend",
              },
            },
            ReturnConsumedCapacity: RC,
          }),
        );
      return links;
    },
    async storePut(item) {
      await send(
        new PutItemCommand({
          TableName: table,
          Item: M({ pk: `raw#g#${item.k}`, sk: item.s, rpk: item.k, j: JSON.stringify(item) }),
          ReturnConsumedCapacity: RC,
        }),
      );
    },
    async storeGet(k, s) {
      const i = await get(`raw#g#${k}`, s);
      return i && JSON.parse(i.j);
    },
    /** BatchGetItem of up to 100 keys, retrying UnprocessedKeys; results in key order. */
    async storeGetMany(keys) {
      const found = new Map();
      let pending = keys.map((k) => M({ pk: `raw#g#${k.pk}`, sk: k.sk }));
      while (pending.length > 0) {
        const out = await send(
          new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } }, ReturnConsumedCapacity: RC }),
        );
        for (const raw of out.Responses?.[table] ?? []) {
          const i = unmarshall(raw);
          found.set(`${i.rpk}\u0000${i.sk}`, JSON.parse(i.j));
        }
        pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
      }
      return keys.map((k) => found.get(`${k.pk}\u0000${k.sk}`) ?? null);
    },
    /** BatchWriteItem in chunks of 25, sent together, retrying UnprocessedItems. */
    async storePutMany(items) {
      const writes = items.map((item) => ({
        PutRequest: { Item: M({ pk: `raw#g#${item.k}`, sk: item.s, rpk: item.k, j: JSON.stringify(item) }) },
      }));
      const chunks = [];
      for (let i = 0; i < writes.length; i += 25) chunks.push(writes.slice(i, i + 25));
      await Promise.all(
        chunks.map(async (chunk) => {
          for (let pending = chunk; pending.length > 0; ) {
            const out = await send(new BatchWriteItemCommand({ RequestItems: { [table]: pending }, ReturnConsumedCapacity: RC }));
            pending = out.UnprocessedItems?.[table] ?? [];
          }
        }),
      );
    },
    storeQuery: (k, prefix) =>
      queryAll({
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :p)",
        ExpressionAttributeValues: M({ ":pk": `raw#g#${k}`, ":p": prefix }),
        ConsistentRead: true,
      }),
  };
}
