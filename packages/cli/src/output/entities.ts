import type { DialogueExport, DialogueSummary, Document, Link } from "@blue/store-core";
import { clip, plural, renderTable } from "./table";

/** The `dialogues list` table. */
export function renderSummaries(items: readonly DialogueSummary[]): string {
  if (items.length === 0) return "no dialogues";
  return renderTable(
    ["ID", "STATUS", "UPDATED", "PERSP.", "TENSIONS", "UNRESOLVED", "TITLE"],
    items.map((s) => [
      s.id,
      s.status,
      s.updatedAt,
      String(s.perspectiveCount),
      String(s.tensionCount),
      String(s.unresolvedTensionCount),
      clip(s.title, 60),
    ]),
  );
}

/** A dialogue with its rounds, perspectives, tensions (and their history) and links. */
export function renderDialogue(e: DialogueExport): string {
  const d = e.dialogue;
  const out: string[] = [`${d.title}  [${d.id}, ${d.status}]`];
  if (d.question) out.push(`question: ${d.question}`);
  out.push(`created ${d.createdAt}, updated ${d.updatedAt}`);
  const rounds = [...new Set([...e.perspectives, ...e.tensions].map((x) => x.round))].sort((a, b) => a - b);
  for (const round of rounds) {
    out.push("", `round ${round}`);
    for (const p of e.perspectives.filter((x) => x.round === round)) {
      out.push(`  perspective ${p.id} — ${p.expert}: ${p.label}`, `    ${clip(p.content, 100)}`);
    }
    for (const t of e.tensions.filter((x) => x.round === round)) {
      const history = t.events.map((ev) => ev.status).join(" → ");
      out.push(`  tension ${t.id} [${t.status}] — ${t.expert}: ${t.label}`, `    ${clip(t.content, 100)}`, `    history: ${history}`);
    }
  }
  const unresolved = e.tensions.filter((t) => t.status !== "resolved").length;
  out.push(
    "",
    `${plural(e.perspectives.length, "perspective")}, ${plural(e.tensions.length, "tension")} (${unresolved} unresolved), ${plural(e.links.length, "link")}`,
  );
  for (const l of e.links) out.push(`  ${renderLinkLine(l)}`);
  return out.join("\n");
}

/** A document with its fields and (clipped) body. */
export function renderDocument(doc: Document, bodyChars = 2000): string {
  const out = [`document ${doc.id}: ${doc.title}`];
  if (doc.kind) out.push(`kind: ${doc.kind}`);
  if (doc.path) out.push(`path: ${doc.path}`);
  if (doc.metadata) out.push(`metadata: ${JSON.stringify(doc.metadata)}`);
  out.push(`created ${doc.createdAt}, updated ${doc.updatedAt}`, "");
  out.push(
    doc.body.length > bodyChars
      ? `${doc.body.slice(0, bodyChars)}\n… (${doc.body.length - bodyChars} more characters; --json prints all)`
      : doc.body,
  );
  return out.join("\n");
}

/** The `docs list` / `docs search` table. */
export function renderDocumentRows(docs: readonly Document[]): string {
  if (docs.length === 0) return "no documents";
  return renderTable(
    ["ID", "KIND", "UPDATED", "TITLE"],
    docs.map((d) => [String(d.id), d.kind ?? "-", d.updatedAt, clip(d.title, 70)]),
  );
}

/** `from --kind--> to`. */
export function renderLinkLine(l: Link): string {
  const meta = l.metadata ? `  ${JSON.stringify(l.metadata)}` : "";
  return `${l.from} --${l.kind}--> ${l.to}${meta}`;
}

/** The `links` listing. */
export function renderLinks(links: readonly Link[]): string {
  if (links.length === 0) return "no links";
  return links.map(renderLinkLine).join("\n");
}
