// Type tests: core's own entity types are JSON values, so they can be stored in a generic store,
// nested in items, or passed where a JsonValue is expected, without casts (`tsc -p test/types`).
import { createMemoryStorage } from "../../src/memory";
import type {
  Dialogue,
  DialogueExport,
  DialogueSummary,
  Document,
  ExportedTension,
  Link,
  NewDialogue,
  NewDocument,
  NewLink,
  NewPerspective,
  NewTension,
  Perspective,
  Tension,
  TensionEvent,
} from "../../src/types/entities";
import type { StorageRecord } from "../../src/enumeration/types";
import type { JsonObject, JsonValue } from "../../src/types/json";
import type { Store } from "../../src/types/stores";

declare const dialogue: Dialogue;
declare const summary: DialogueSummary;
declare const perspective: Perspective;
declare const tension: Tension;
declare const event: TensionEvent;
declare const exported: ExportedTension;
declare const dialogueExport: DialogueExport;
declare const document: Document;
declare const link: Link;
declare const inputs: [NewDialogue, NewPerspective, NewTension, NewDocument, NewLink];
declare const record: StorageRecord;

// Each is a JsonValue and a JsonObject.
const values: JsonValue[] = [dialogue, summary, perspective, tension, event, exported, dialogueExport, document, link, ...inputs, record];
const objects: JsonObject[] = [dialogue, summary, perspective, tension, event, exported, dialogueExport, document, link, ...inputs, record];
void values;
void objects;

// Stored as items of their own, or nested in items, without casts.
const storage = createMemoryStorage();
type Keyed<T> = T & { pk: string; sk: string };
const dialogues: Store<Keyed<Dialogue>> = storage.store<Keyed<Dialogue>>({ name: "dialogues", key: (d) => ({ pk: d.pk, sk: d.sk }) });
void dialogues.put({ ...dialogue, pk: "d", sk: dialogue.id });
const exports = storage.store<{ pk: string; sk: string; export: DialogueExport; tensions: Tension[]; events: TensionEvent[] }>({
  name: "exports",
  key: (e) => ({ pk: e.pk, sk: e.sk }),
});
void exports.put({ pk: "e", sk: "1", export: dialogueExport, tensions: [tension], events: [event] });
const docs = storage.store<Keyed<{ doc: Document; links: Link[]; perspective: Perspective }>>({
  name: "docs",
  key: (d) => ({ pk: d.pk, sk: d.sk }),
});
void docs.put({ pk: "x", sk: "1", doc: document, links: [link], perspective });
const loose = storage.store<JsonObject>({ name: "loose", key: () => ({ pk: "p", sk: "s" }) });
void loose.put({ dialogue, document, link, tension, event });

// Pages and keys too.
declare const page: import("../../src/types/stores").Page<Dialogue>;
declare const itemKey: import("../../src/types/stores").ItemKey;
const more: JsonValue[] = [page, itemKey];
void more;
