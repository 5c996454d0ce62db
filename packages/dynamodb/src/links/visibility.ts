import type { Link } from "@blue/store-core";
import { parseEntityRef } from "@blue/store-core/engine";
import type { Executor } from "../client/executor";
import { dialogueHeaderKey, dialoguePk, HEADER_SK } from "../table/keys";

/**
 * The ends (of `links`) inside a dialogue that is being deleted or imported (header with
 * `pend`): a delete hides its dialogue's header first and removes its links after, so links
 * are read as gone from the moment the delete begins. One BatchGetItem of the headers of the
 * dialogues the links touch (only `pk`, `sk`, `pend`); none when they touch no dialogue.
 * `except` names a dialogue known to be visible (the one being exported).
 */
export async function hiddenEnds(exec: Executor, links: readonly Link[], except?: string): Promise<Set<string>> {
  const roots = new Map<string, string[]>();
  for (const l of links) {
    for (const ref of [l.from, l.to]) {
      const root = parseEntityRef(ref)[0]!;
      if (root.type !== "dialogue" || root.id === except) continue;
      const refs = roots.get(root.id) ?? [];
      refs.push(ref);
      roots.set(root.id, refs);
    }
  }
  const hidden = new Set<string>();
  if (roots.size === 0) return hidden;
  const headers = await exec.batchGet([...roots.keys()].map(dialogueHeaderKey), "links", ["pk", "sk", "pend"]);
  for (const [id, refs] of roots) {
    const header = headers.get(`${dialoguePk(id)}\u0000${HEADER_SK}`);
    if (header?.pend !== undefined) for (const ref of refs) hidden.add(ref);
  }
  return hidden;
}
