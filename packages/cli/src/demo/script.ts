import type { NewDialogue, NewDocument, NewPerspective, NewTension, TensionStatus } from "@blue/store-core";

/** The demo's dialogue id: a re-run replaces the previous run's dialogue and documents. */
export const DEMO_DIALOGUE_ID = "demo-dynamodb-migration";

export const DEMO_DIALOGUE: NewDialogue = {
  id: DEMO_DIALOGUE_ID,
  title: "Should Blue move its storage from SQLite to DynamoDB?",
  question: "Can production run on DynamoDB while laptops keep an embedded SQLite file, without changing application code?",
  metadata: { rfc: "0053", createdBy: "blue-store demo" },
};

type Contribution = Omit<NewPerspective, "dialogueId">;
type Concern = Omit<NewTension, "dialogueId">;
/** A status change of a tension during a round. */
export interface StatusStep {
  tension: string;
  status: TensionStatus;
  actor: string;
  note: string;
}
/** One round of the dialogue: what each expert said, what they disagreed on, what moved. */
export interface DemoRound {
  round: number;
  perspectives: Contribution[];
  tensions: Concern[];
  steps: StatusStep[];
}

export const DEMO_ROUNDS: DemoRound[] = [
  {
    round: 1,
    perspectives: [
      {
        id: "P01",
        round: 1,
        expert: "Ada (storage engineer)",
        label: "Interfaces first",
        content:
          "Define DialogueStore, DocumentStore and LinkStore before touching DynamoDB. Both engines implement one contract and one conformance kit checks them.",
      },
      {
        id: "P02",
        round: 1,
        expert: "Grace (SRE)",
        label: "Operate a managed service",
        content:
          "DynamoDB removes the single-file bottleneck and our backup chores. We pay with eventually consistent indexes and a 400 KB item limit.",
      },
      {
        id: "P03",
        round: 1,
        expert: "Linus (app developer)",
        label: "Keep the laptop loop fast",
        content: "Local development must stay zero-setup: an embedded SQLite file, no AWS account, no containers.",
      },
    ],
    tensions: [
      {
        id: "T01",
        round: 1,
        expert: "Grace (SRE)",
        label: "Transactions differ",
        content:
          "SQLite gives ACID across tables; DynamoDB transactions cap at 100 items. A tension's status change must stay atomic with its event and the dialogue counters.",
      },
      {
        id: "T02",
        round: 1,
        expert: "Ada (storage engineer)",
        label: "Search without FTS5",
        content: "DynamoDB has no full-text index, yet search must rank exactly as SQLite's BM25 does.",
      },
      {
        id: "T03",
        round: 1,
        expert: "Linus (app developer)",
        label: "Item size limit",
        content: "Design documents reach several megabytes; a DynamoDB item holds 400 KB.",
      },
    ],
    steps: [],
  },
  {
    round: 2,
    perspectives: [
      {
        id: "P04",
        round: 2,
        expert: "Ada (storage engineer)",
        label: "One model, shared validation",
        content:
          "The core package owns validation, ordering and the BM25 scorer, so every backend returns the same results, in the same order, with the same errors.",
      },
      {
        id: "P05",
        round: 2,
        expert: "Grace (SRE)",
        label: "Measured on DynamoDB Local",
        content: "Status changes run as one TransactWriteItems call; large bodies are split into chunks below the item limit.",
      },
    ],
    tensions: [],
    steps: [
      {
        tension: "T01",
        status: "addressed",
        actor: "Ada (storage engineer)",
        note: "tension, event and counters written in one transaction",
      },
      { tension: "T02", status: "addressed", actor: "Ada (storage engineer)", note: "core exports the tokenizer and bm25Score" },
      { tension: "T03", status: "addressed", actor: "Grace (SRE)", note: "bodies over the limit are chunked" },
    ],
  },
  {
    round: 3,
    perspectives: [
      {
        id: "P06",
        round: 3,
        expert: "Linus (app developer)",
        label: "Ready to migrate",
        content: "blue-store migrate copies every dialogue, document and link, and verifies each export on both sides.",
      },
    ],
    tensions: [
      {
        id: "T04",
        round: 3,
        expert: "Grace (SRE)",
        label: "Cost of full scans",
        content: "Search on DynamoDB reads every token item of a query; watch read capacity as the corpus grows.",
      },
    ],
    steps: [
      { tension: "T01", status: "resolved", actor: "Grace (SRE)", note: "the conformance kit passes on both engines" },
      { tension: "T02", status: "resolved", actor: "Linus (app developer)", note: "same hits, same order on SQLite and DynamoDB" },
      { tension: "T03", status: "resolved", actor: "Ada (storage engineer)", note: "10 MiB bodies round-trip" },
    ],
  },
];

/** A document the demo adds, with a short key its links refer to. */
export interface DemoDocument {
  key: string;
  doc: NewDocument;
}

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    key: "rfc",
    doc: {
      title: "RFC 0053: Storage Abstraction Layer",
      kind: "rfc",
      path: "docs/rfcs/0053-storage-abstraction.md",
      body: "Introduce a storage abstraction so SQLite (local development) and DynamoDB (production) can be swapped without changing application code. Dialogues, documents and links go through one interface; the backend is chosen in .blue/config.toml.",
    },
  },
  {
    key: "adr",
    doc: {
      title: "ADR 0018: DynamoDB-portable schema",
      kind: "adr",
      path: "docs/adrs/0018-dynamodb-portable-schema.md",
      body: "Keys are partition and sort keys of plain strings compared byte-wise; no joins, no cross-table transactions beyond 100 items. The SQLite schema follows the same key layout so data moves between engines unchanged.",
    },
  },
  {
    key: "runbook",
    doc: {
      title: "Runbook: migrating a project from SQLite to DynamoDB",
      kind: "runbook",
      path: "docs/runbooks/sqlite-to-dynamodb.md",
      body: "Write dynamo.toml with backend = dynamodb, run blue-store doctor, then blue-store migrate --to dynamo.toml. The migration is idempotent: if it stops, run it again. It ends by comparing counts and every dialogue export on both sides.",
    },
  },
  {
    key: "bench",
    doc: {
      title: "Benchmark notes: BM25 search on DynamoDB Local",
      kind: "note",
      path: "docs/notes/search-benchmark.md",
      body: "Search ranking on DynamoDB uses the core BM25 scorer over stored token postings. Results match SQLite FTS5 bm25() hit for hit on the conformance corpus.",
    },
  },
];

/** Links the demo records, by document key ("doc:rfc") or dialogue entity ("T01", "P06"). */
export const DEMO_LINKS: Array<{ from: string; to: string; kind: string; note?: string }> = [
  { from: "dialogue", to: "doc:rfc", kind: "references" },
  { from: "dialogue", to: "doc:adr", kind: "references" },
  { from: "dialogue", to: "doc:runbook", kind: "references" },
  { from: "dialogue", to: "doc:bench", kind: "references" },
  { from: "T01", to: "doc:adr", kind: "addressed-by", note: "transaction limits" },
  { from: "T02", to: "doc:bench", kind: "addressed-by", note: "ranking parity" },
  { from: "P06", to: "doc:runbook", kind: "cites" },
  { from: "doc:runbook", to: "doc:rfc", kind: "implements" },
];

/** The searches the demo runs. */
export const DEMO_SEARCHES = ["dynamodb sqlite", "bm25 search", "sqlite local development"];
