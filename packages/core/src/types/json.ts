/** A JSON primitive. */
export type JsonPrimitive = string | number | boolean | null;
/** Any JSON value. Numbers must be finite. */
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
/**
 * A JSON object. `undefined` properties are allowed in input and dropped when stored.
 * (Item types of a generic store need not satisfy this index signature: see `JsonShaped`.)
 */
export type JsonObject = { [key: string]: JsonValue | undefined };

/** `T` itself when `T` is a JSON value (see `JsonShaped`), else a type `T` is not assignable to. */
export type JsonShapedValue<T> = T extends JsonValue | undefined
  ? T
  : T extends (...args: never[]) => unknown
    ? never
    : T extends readonly unknown[]
      ? { [K in keyof T]: JsonShapedValue<T[K]> }
      : T extends object
        ? { [K in keyof T]: K extends string ? JsonShapedValue<T[K]> : never }
        : never;

/**
 * The constraint of generic store item types: `T extends JsonShaped<T>` holds when every
 * property of `T` is JSON, so interfaces and type aliases are accepted alike
 * (`store<Session>()` with `interface Session { … }`, which `T extends JsonObject` refuses for
 * want of an index signature), while `Date`, functions, `bigint`, `symbol`, `Map`, `unknown`
 * and class instances with methods fail to compile. The run-time check (VALIDATION naming the
 * path) still guards every write.
 */
export type JsonShaped<T> = { [K in keyof T]: K extends string ? JsonShapedValue<T[K]> : never };
