import { ItemTooLargeError, ValidationError } from "../errors";
import { assertItemKey, STORE_NAME_PATTERN } from "../model/generic";
import { validateImportedDocument } from "../model/documents";
import { validateDialogueExport } from "../model/export";
import { buildLink } from "../model/links";
import { utf8ByteLength } from "../encoding/utf8";
import { normalizeJsonObject } from "../validation/json";
import { LIMITS } from "../validation/limits";
import { assertTimestamp } from "../validation/scalars";
import type { Document, Link } from "../types/entities";
import { firstDifference } from "./compare";
import { exportOfRecord } from "./restore";
import type { DialogueRecordBody, StorageRecord } from "./types";

function fail(field: string, message: string): never {
  throw new ValidationError(`record ${field}: ${message}`, { details: { field } });
}

/** The record must be exactly what restore will store: no field the entity's own validation drops or changes. */
function asStored(given: unknown, stored: unknown, field: string): void {
  const where = firstDifference(stored, given);
  if (where !== undefined)
    fail(where === "(value)" ? field : `${field}.${where}`, "is not stored as given (an unknown field, or a value the store would change)");
}

function onlyKeys(value: object, allowed: readonly string[], field: string): void {
  for (const k of Object.keys(value)) if (!allowed.includes(k)) fail(`${field}.${k}`, "is not a field of this record");
}

/**
 * Validates one record as restore would write it — every entity as its own method would
 * check it, the generic item's store name, raw key, JSON and size — without touching a
 * backend. Returns the record; throws VALIDATION or ITEM_TOO_LARGE naming the field.
 */
export function validateStorageRecord(value: unknown): StorageRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("", "must be an object");
  const r = value as Record<string, unknown>;
  switch (r.kind) {
    case "document": {
      onlyKeys(r, ["kind", "document"], "");
      asStored(r.document, validateImportedDocument(r.document as Document), "document");
      return r as StorageRecord;
    }
    case "dialogue": {
      onlyKeys(r, ["kind", "dialogue", "perspectives", "tensions"], "");
      const body = r as unknown as DialogueRecordBody;
      const valid = validateDialogueExport(exportOfRecord(body, "2000-01-01T00:00:00.000Z"));
      asStored(
        { dialogue: body.dialogue, perspectives: body.perspectives, tensions: body.tensions },
        { dialogue: valid.dialogue, perspectives: valid.perspectives, tensions: valid.tensions },
        "",
      );
      return r as StorageRecord;
    }
    case "link": {
      onlyKeys(r, ["kind", "link"], "");
      const link = r.link as Link;
      if (typeof link !== "object" || link === null) fail("link", "must be an object");
      onlyKeys(link, ["from", "to", "kind", "metadata", "createdAt"], "link");
      if (link.createdAt === undefined) fail("link.createdAt", "is missing");
      asStored(link, buildLink(link, { now: () => fail("link.createdAt", "is missing"), newId: () => "" }), "link");
      return r as StorageRecord;
    }
    case "item": {
      onlyKeys(r, ["kind", "store", "pk", "sk", "item", "expiresAt"], "");
      if (typeof r.store !== "string" || !STORE_NAME_PATTERN.test(r.store)) fail("store", `must match ${STORE_NAME_PATTERN.source}`);
      assertItemKey(r.pk, r.sk);
      const item = normalizeJsonObject(r.item, "item");
      asStored(r.item, item, "item");
      const size = utf8ByteLength(JSON.stringify(item));
      if (size > LIMITS.itemMaxBytes) {
        throw new ItemTooLargeError(`record item: ${size} bytes as JSON; the limit is ${LIMITS.itemMaxBytes}`, {
          details: { size, limit: LIMITS.itemMaxBytes },
        });
      }
      if (r.expiresAt !== undefined) assertTimestamp(r.expiresAt, "expiresAt");
      return r as StorageRecord;
    }
    default:
      return fail("kind", `${JSON.stringify(r.kind)} is not one of document, dialogue, link, item`);
  }
}
