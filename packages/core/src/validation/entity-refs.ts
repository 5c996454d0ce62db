import { ValidationError } from "../errors";
import { utf8ByteLength } from "../encoding/utf8";
import { ID_PATTERN } from "./scalars";
import { LIMITS } from "./limits";

/** The type part of an address segment. */
export const REF_TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** One `type:id` segment of a canonical address. */
export interface EntityRefSegment {
  type: string;
  id: string;
}

function fail(field: string, message: string): never {
  throw new ValidationError(`${field}: ${message}`, { details: { field } });
}

/**
 * Parses a canonical address (`type:id` segments joined by `/`). A `document` segment's id is
 * a positive integer without leading zeros; every other id follows the entity id pattern.
 */
export function parseEntityRef(ref: unknown, field = "ref"): EntityRefSegment[] {
  if (typeof ref !== "string" || ref.length === 0) fail(field, "must be a canonical address like document:42 or dialogue:d1/tension:T01");
  if (utf8ByteLength(ref) > LIMITS.entityRefMaxBytes) fail(field, `longer than ${LIMITS.entityRefMaxBytes} bytes`);
  return ref.split("/").map((segment) => {
    const colon = segment.indexOf(":");
    const type = colon < 0 ? "" : segment.slice(0, colon);
    const id = colon < 0 ? "" : segment.slice(colon + 1);
    if (!REF_TYPE_PATTERN.test(type)) fail(field, `${JSON.stringify(segment)} is not a type:id segment (type: ${REF_TYPE_PATTERN.source})`);
    if (type === "document" ? !/^[1-9][0-9]{0,15}$/.test(id) : !ID_PATTERN.test(id)) {
      fail(field, `${JSON.stringify(segment)} has an invalid id`);
    }
    return { type, id };
  });
}

/** Validates a canonical address and returns it unchanged. */
export function assertEntityRef(ref: unknown, field = "ref"): string {
  parseEntityRef(ref, field);
  return ref as string;
}

/** Builds a canonical address from segments. */
export function formatEntityRef(segments: readonly EntityRefSegment[]): string {
  return segments.map((s) => `${s.type}:${s.id}`).join("/");
}

/** True when `ref` is `root` itself or an address inside it (`root/…`). */
export function isWithinRef(ref: string, root: string): boolean {
  return ref === root || ref.startsWith(root + "/");
}

/** The canonical address of a dialogue. */
export function dialogueRef(dialogueId: string): string {
  return `dialogue:${dialogueId}`;
}

/** The canonical address of a document. */
export function documentRef(documentId: number): string {
  return `document:${documentId}`;
}
