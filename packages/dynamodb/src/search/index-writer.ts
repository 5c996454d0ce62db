import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { UnavailableError } from "@blue/store-core";
import { chunk, keyId, marshallItem, TransactionCancelled, type Executor } from "../client/executor";
import { pendingClear } from "../documents/statistics";
import { documentHeaderKey, frequencyKey, postingKey, POSTING_SHARDS } from "../table/keys";
import { postingItem, tfClassOf, type IndexTerms, type PostingState } from "./terms";
import { termListWrite } from "./term-list";

/** The committed version an index change brings the postings to. */
export interface IndexTarget {
  id: number;
  /** The header's version `v` this change belongs to. */
  v: number;
  /** The committed document's terms (NO_TERMS for a delete). */
  terms: IndexTerms;
  /** True when the committed change is a delete (the header is hidden: pend = "delete"). */
  deleting: boolean;
}

/** DynamoDB's limit of actions per transaction. */
export const MAX_TRANSACTION_ACTIONS = 100;
/** 1 ConditionCheck + 49 (posting, counter) pairs. */
const PAIRS_PER_TRANSACTION = 49;
const MAX_ROUNDS = 6;

/**
 * Moves a document's postings and document frequency counters from what they are to what its
 * committed version says, after the commit (docs/access-patterns.md, "Search index"). Every
 * posting change travels in one transaction with its counter change, so a counter always
 * equals the number of postings of its shard; every transaction also checks that the header
 * is still at the target version, so a writer whose version was superseded never writes.
 * Nothing a change writes belongs to a version that was not committed.
 */
export class IndexWriter {
  constructor(
    private readonly exec: Executor,
    private readonly shards: number,
  ) {}

  /** The postings of document `id` for `tokens`, read back (strongly consistent). */
  async readState(id: number, tokens: Iterable<string>, context: string): Promise<PostingState> {
    const wanted = [...new Set(tokens)];
    const items = await this.exec.batchGet(
      wanted.map((t) => postingKey(t, id)),
      context,
      ["pk", "sk", "tf", "dl"],
    );
    const state: PostingState = new Map();
    for (const t of wanted) {
      const p = items.get(keyId(postingKey(t, id)));
      if (p) state.set(t, { tf: p.tf as number, dl: p.dl as number });
    }
    return state;
  }

  /**
   * Applies `target` over the postings in `state` (or read back when a round found them
   * changed by a concurrent repair of the same change). "superseded" when a newer version was
   * committed meanwhile: that version's writer completes the index.
   */
  async apply(
    target: IndexTarget,
    state: PostingState | undefined,
    listed: Iterable<string>,
    context: string,
  ): Promise<"applied" | "superseded"> {
    const tokens = new Set([...listed, ...target.terms.tf.keys()]);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = state ?? (await this.readState(target.id, tokens, context));
      try {
        for (const part of chunk(this.changes(target, current), PAIRS_PER_TRANSACTION)) {
          await this.exec.transact([this.headerCheck(target), ...part.flat()], context);
        }
        return "applied";
      } catch (e) {
        if (!(e instanceof TransactionCancelled)) throw e;
        if (e.reasonAt(0) === "ConditionalCheckFailed") return "superseded";
        state = undefined;
      }
    }
    throw new UnavailableError(`${context}: the search index of document ${target.id} kept changing under concurrent repairs`, {
      details: { documentId: target.id },
    });
  }

  /** The transaction action that completes an applied change: the header records it, the pending mark goes, the term list is the new one. */
  completion(target: IndexTarget): TransactWriteItem[] {
    const { table } = this.exec;
    return [pendingClear(table, target.id, this.shards), termListWrite(table, target.id, target.terms.tf.keys())];
  }

  /** Completes an applied change of a live document (its header gets ixv = v). False when a newer version was committed meanwhile. */
  async complete(target: IndexTarget, context: string): Promise<boolean> {
    try {
      await this.exec.transact(
        [
          {
            Update: {
              TableName: this.exec.table,
              Key: marshallItem(documentHeaderKey(target.id)),
              UpdateExpression: "SET ixv = :v",
              ConditionExpression: "v = :v AND attribute_not_exists(pend)",
              ExpressionAttributeValues: marshallItem({ ":v": target.v }),
            },
          },
          ...this.completion(target),
        ],
        context,
      );
      return true;
    } catch (e) {
      if (e instanceof TransactionCancelled && e.reasonAt(0) === "ConditionalCheckFailed") return false;
      throw e;
    }
  }

  private headerCheck(target: IndexTarget): TransactWriteItem {
    return {
      ConditionCheck: {
        TableName: this.exec.table,
        Key: marshallItem(documentHeaderKey(target.id)),
        ConditionExpression: target.deleting ? "v = :v AND pend = :del" : "v = :v AND attribute_not_exists(pend)",
        ExpressionAttributeValues: marshallItem(target.deleting ? { ":v": target.v, ":del": "delete" } : { ":v": target.v }),
      },
    };
  }

  /** The (posting, counter) action groups that take `state` to `target`, each posting write conditioned on the state it assumes. */
  changes(target: IndexTarget, state: PostingState): TransactWriteItem[][] {
    const { table } = this.exec;
    const id = target.id;
    // The counter: document frequency n, and the tf class set tc (only ever grows, so its
    // largest class bounds every tf the shard holds).
    const counter = (t: string, d: number, tf?: number): TransactWriteItem => ({
      Update: {
        TableName: table,
        Key: marshallItem(frequencyKey(t, id % POSTING_SHARDS)),
        UpdateExpression: tf === undefined ? "ADD n :d" : "ADD n :d, tc :c",
        ExpressionAttributeValues: {
          ":d": { N: String(d) },
          ...(tf === undefined ? {} : { ":c": { NS: [String(tfClassOf(tf))] } }),
        },
      },
    });
    const out: TransactWriteItem[][] = [];
    for (const [t, tf] of target.terms.tf) {
      const now = state.get(t);
      if (now && now.tf === tf && now.dl === target.terms.dl) continue;
      const put: TransactWriteItem = {
        Put: {
          TableName: table,
          Item: marshallItem(postingItem(t, id, tf, target.terms.dl)),
          ConditionExpression: now ? "attribute_exists(pk)" : "attribute_not_exists(pk)",
        },
      };
      if (!now) out.push([put, counter(t, 1, tf)]);
      else out.push(tfClassOf(now.tf) === tfClassOf(tf) ? [put] : [put, counter(t, 0, tf)]);
    }
    for (const t of state.keys()) {
      if (target.terms.tf.has(t)) continue;
      out.push([
        { Delete: { TableName: table, Key: marshallItem(postingKey(t, id)), ConditionExpression: "attribute_exists(pk)" } },
        counter(t, -1),
      ]);
    }
    return out;
  }
}
