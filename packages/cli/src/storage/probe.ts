import type { StorageBackend } from "@blue/store-core";

/** One read of each store: proves the connection, the schema and the tables/indexes. */
export interface ProbeResult {
  name: string;
  ok: boolean;
  detail: string;
}

/** Reads one page of each listing and runs a search; throws the first failure. */
export async function probeStorage(storage: StorageBackend): Promise<void> {
  for (const r of await probeEach(storage)) if (!r.ok) throw r.error;
}

/** Like `probeStorage`, but reports every check (for `doctor`). */
export async function probeEach(storage: StorageBackend): Promise<Array<ProbeResult & { error?: unknown }>> {
  const checks: Array<[string, () => Promise<string>]> = [
    [
      "dialogues",
      async () => `readable (${(await storage.dialogues.listDialoguesPage({ limit: 1 })).items.length ? "has data" : "empty"})`,
    ],
    [
      "documents",
      async () => `readable (${(await storage.documents.listDocumentsPage({ limit: 1 })).items.length ? "has data" : "empty"})`,
    ],
    ["links", async () => `readable (${(await storage.links.listLinksPage({ limit: 1 })).items.length ? "has data" : "empty"})`],
    ["search", async () => `answers (${(await storage.documents.search("blue store", 1)).length} hit for a probe query)`],
  ];
  const results: Array<ProbeResult & { error?: unknown }> = [];
  for (const [name, check] of checks) {
    try {
      results.push({ name, ok: true, detail: await check() });
    } catch (error) {
      results.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error), error });
    }
  }
  return results;
}
