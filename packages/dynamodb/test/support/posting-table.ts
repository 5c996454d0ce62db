import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { bm25Score, rankHits, type CorpusStats, type ScoredId } from "@blue/store-core/engine";
import { keyId, type Executor, type Item } from "../../src/client/executor";
import type { TokenShards } from "../../src/search/plan";
import { indexTermsOf, postingItem, tfClassOf } from "../../src/search/terms";
import { POSTING_SHARDS } from "../../src/table/keys";
import { IMPACT_INDEX } from "../../src/table/schema";

/** A posting's bytes as Query bills them, and the read unit. */
const ENTRY_BYTES = 60;
const UNIT = 4096;

/**
 * The search index of a corpus held in memory, answering the three reads rank.ts makes
 * (Query of a posting partition, Query of byImpact page by page, BatchGetItem of postings) as
 * DynamoDB would, and counting the read units AWS would bill for them (strongly consistent).
 */
export class PostingTable {
  readonly stats: CorpusStats;
  units = 0;
  requests = 0;
  /** Of `units`, those of point checks (BatchGetItem). */
  checkUnits = 0;
  private readonly byKey = new Map<string, Item>();
  private readonly bySk = new Map<string, Item[]>();
  private readonly byImpact = new Map<string, Item[]>();
  private readonly lists = new Map<string, TokenShards>();
  private readonly docs: { id: number; dl: number; tf: Map<string, number> }[] = [];

  constructor(bodies: string[]) {
    let totalLength = 0;
    for (const [i, body] of bodies.entries()) {
      const id = i + 1;
      const terms = indexTermsOf({ title: "", body });
      this.docs.push({ id, ...terms });
      totalLength += terms.dl;
      for (const [t, tf] of terms.tf) {
        const p = postingItem(t, id, tf, terms.dl);
        this.byKey.set(keyId(p as { pk: string; sk: string }), p);
        const pk = p.pk as string;
        if (!this.bySk.has(pk)) this.bySk.set(pk, []);
        this.bySk.get(pk)!.push(p);
        const list = this.lists.get(t) ?? {
          n: new Array(POSTING_SHARDS).fill(0),
          maxTf: new Array(POSTING_SHARDS).fill(Number.POSITIVE_INFINITY),
        };
        const s = id % POSTING_SHARDS;
        list.maxTf[s] = list.n[s] === 0 ? tfClassOf(tf) : Math.max(list.maxTf[s]!, tfClassOf(tf));
        list.n[s]!++;
        this.lists.set(t, list);
      }
    }
    for (const [pk, items] of this.bySk) {
      items.sort((a, b) => (a.sk as string).localeCompare(b.sk as string));
      this.byImpact.set(
        pk,
        [...items].sort((a, b) => (a.im as number) - (b.im as number) || (a.sk as string).localeCompare(b.sk as string)),
      );
    }
    this.stats = { documentCount: this.docs.length, totalLength };
  }

  /** The counters a search plan would read for `token` (none when no document holds it). */
  listOf(token: string): TokenShards {
    return (
      this.lists.get(token) ?? { n: new Array(POSTING_SHARDS).fill(0), maxTf: new Array(POSTING_SHARDS).fill(Number.POSITIVE_INFINITY) }
    );
  }

  /** What core's BM25 ranks first over the whole corpus: the exhaustive answer. */
  expected(tokens: string[], limit: number): ScoredId[] {
    const dfs = tokens.map((t) => this.listOf(t).n.reduce((a, b) => a + b, 0));
    const hits: ScoredId[] = [];
    for (const d of this.docs) {
      const tfs = tokens.map((t) => d.tf.get(t));
      if (tfs.every((tf) => tf !== undefined)) hits.push({ id: d.id, score: bm25Score(tfs as number[], dfs, d.dl, this.stats) });
    }
    return rankHits(hits, limit);
  }

  /** The executor rank.ts reads through. */
  executor(): Executor {
    const pkOf = (input: { ExpressionAttributeValues?: Record<string, AttributeValue> }) =>
      unmarshall(input.ExpressionAttributeValues ?? {})[":pk"] as string;
    const bill = (items: number) => {
      this.requests++;
      this.units += Math.max(1, Math.ceil((items * ENTRY_BYTES) / UNIT));
    };
    const fake = {
      query: async (input: { ExpressionAttributeValues?: Record<string, AttributeValue> }) => {
        const items = this.bySk.get(pkOf(input)) ?? [];
        bill(items.length);
        return { items: [...items], more: false };
      },
      queryPage: async (input: {
        IndexName?: string;
        Limit?: number;
        ExclusiveStartKey?: Record<string, AttributeValue>;
        ExpressionAttributeValues?: Record<string, AttributeValue>;
      }) => {
        if (input.IndexName !== IMPACT_INDEX) throw new Error(`unexpected index ${input.IndexName}`);
        const all = this.byImpact.get(pkOf(input)) ?? [];
        const from = input.ExclusiveStartKey ? Number(input.ExclusiveStartKey.off!.N) : 0;
        const items = all.slice(from, from + (input.Limit ?? all.length));
        bill(items.length);
        const to = from + items.length;
        // Like DynamoDB, a page that stops at its Limit says there may be more.
        return { items, ...(items.length === input.Limit ? { next: { off: { N: String(to) } } } : {}) };
      },
      batchGet: async (keys: { pk: string; sk: string }[]) => {
        const found = new Map<string, Item>();
        for (const k of keys) {
          const item = this.byKey.get(keyId(k));
          if (item) found.set(keyId(k), item);
        }
        this.requests += Math.ceil(keys.length / 100);
        this.units += keys.length;
        this.checkUnits += keys.length;
        return found;
      },
    };
    return fake as unknown as Executor;
  }
}
