/** A JSON primitive. */
export type JsonPrimitive = string | number | boolean | null;
/** Any JSON value. Numbers must be finite. */
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
/**
 * A JSON object. `undefined` properties are allowed in input and dropped when stored.
 * Declare item types for `Store<T>` with `type`, not `interface`, so they satisfy this
 * index signature.
 */
export type JsonObject = { [key: string]: JsonValue | undefined };
