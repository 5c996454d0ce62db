/** Stable codes of every failure a caller can act on. */
export type StoreErrorCode =
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "CONDITION_FAILED"
  | "VALIDATION"
  | "ITEM_TOO_LARGE"
  | "UNAVAILABLE"
  | "CLOSED"
  | "NOT_SUPPORTED"
  | "CONFIG"
  | "BACKEND_NOT_INSTALLED"
  | "INTERNAL";

export const STORE_ERROR_CODES: readonly StoreErrorCode[] = [
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "CONDITION_FAILED",
  "VALIDATION",
  "ITEM_TOO_LARGE",
  "UNAVAILABLE",
  "CLOSED",
  "NOT_SUPPORTED",
  "CONFIG",
  "BACKEND_NOT_INSTALLED",
  "INTERNAL",
];

/** A brand shared by every copy of this package, so `isStoreError` works across copies. */
const BRAND = Symbol.for("@blue/store-core/StoreError");
/** The name of an error's nearest built-in class (`"NotFoundError"`, …), shared by every copy. */
const CLASS_BRAND: unique symbol = Symbol.for("@blue/store-core/StoreError.class") as never;

/** The class brand of `target` or its nearest built-in ancestor. */
function classBrandOf(target: unknown): string {
  for (let c = target as { [CLASS_BRAND]?: string } | null; c; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, CLASS_BRAND)) return c[CLASS_BRAND]!;
  }
  return "StoreError";
}

/** Extra, machine-readable facts about an error (the field, the key, the file, …). */
export type StoreErrorDetails = Record<string, unknown>;

export interface StoreErrorOptions {
  /** The original driver error, kept for diagnosis. */
  cause?: unknown;
  details?: StoreErrorDetails;
  retryable?: boolean;
}

/**
 * The base of every error a Blue Store backend raises. `instanceof` works across copies of
 * this package (the ESM and CommonJS builds loaded side by side, or two installed versions):
 * it checks a global brand, as `isStoreError` does, besides the prototype chain.
 */
export class StoreError extends Error {
  static readonly [CLASS_BRAND]: string = "StoreError";

  /** True for errors of this class from any copy of `@blue/store-core`. */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (!isStoreError(value)) return false;
    // A class of an application (no brand of its own) matches by prototype chain only.
    if (!Object.hasOwn(this, CLASS_BRAND)) return false;
    const brand = (this as unknown as { [CLASS_BRAND]: string })[CLASS_BRAND];
    return brand === "StoreError" || (value as unknown as Record<symbol, unknown>)[CLASS_BRAND] === brand;
  }

  readonly code: StoreErrorCode;
  /** True when the same call may succeed later (UNAVAILABLE). */
  readonly retryable: boolean;
  readonly details: StoreErrorDetails;
  declare readonly cause?: unknown;

  constructor(code: StoreErrorCode, message: string, options: StoreErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StoreError";
    this.code = code;
    this.retryable = options.retryable ?? code === "UNAVAILABLE";
    this.details = options.details ?? {};
    Object.defineProperty(this, BRAND, { value: true });
    Object.defineProperty(this, CLASS_BRAND, { value: classBrandOf(new.target) });
  }
}

/** The entity does not exist. */
export class NotFoundError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "NotFoundError";
  constructor(message: string, options?: StoreErrorOptions) {
    super("NOT_FOUND", message, options);
    this.name = "NotFoundError";
  }
}

/** The write conflicts with the stored state: the key is taken, or a condition did not hold. */
export class ConflictError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "ConflictError";
  constructor(code: "ALREADY_EXISTS" | "CONDITION_FAILED", message: string, options?: StoreErrorOptions) {
    super(code, message, options);
    this.name = "ConflictError";
  }
}

/** The input breaks the contract's rules (ids, values, limits of form). */
export class ValidationError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "ValidationError";
  constructor(message: string, options?: StoreErrorOptions) {
    super("VALIDATION", message, options);
    this.name = "ValidationError";
  }
}

/** An entity exceeds the portable size limits. */
export class ItemTooLargeError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "ItemTooLargeError";
  constructor(message: string, options?: StoreErrorOptions) {
    super("ITEM_TOO_LARGE", message, options);
    this.name = "ItemTooLargeError";
  }
}

/** The engine is down, busy or throttling; retrying later may succeed. */
export class UnavailableError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "UnavailableError";
  constructor(message: string, options?: StoreErrorOptions) {
    super("UNAVAILABLE", message, { ...options, retryable: true });
    this.name = "UnavailableError";
  }
}

/** The backend was closed. */
export class ClosedError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "ClosedError";
  constructor(message = "the storage backend is closed", options?: StoreErrorOptions) {
    super("CLOSED", message, options);
    this.name = "ClosedError";
  }
}

/** The backend does not offer this operation. */
export class NotSupportedError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "NotSupportedError";
  constructor(message: string, options?: StoreErrorOptions) {
    super("NOT_SUPPORTED", message, options);
    this.name = "NotSupportedError";
  }
}

/** The configuration is wrong: a bad config file, a missing table, a foreign database. */
export class ConfigError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "ConfigError";
  constructor(message: string, options?: StoreErrorOptions) {
    super("CONFIG", message, options);
    this.name = "ConfigError";
  }
}

/** The configured backend's package is not installed. */
export class BackendNotInstalledError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "BackendNotInstalledError";
  constructor(message: string, options?: StoreErrorOptions) {
    super("BACKEND_NOT_INSTALLED", message, options);
    this.name = "BackendNotInstalledError";
  }
}

/** An unexpected failure inside the backend; the driver error is its `cause`. */
export class InternalError extends StoreError {
  static override readonly [CLASS_BRAND]: string = "InternalError";
  constructor(message: string, options?: StoreErrorOptions) {
    super("INTERNAL", message, options);
    this.name = "InternalError";
  }
}

/**
 * True when `e` is a StoreError (of `code`, when given). Works when two copies of
 * `@blue/store-core` are installed, because it checks a global brand, not `instanceof`.
 */
export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  if (typeof e !== "object" || e === null) return false;
  const branded = (e as Record<symbol, unknown>)[BRAND] === true;
  if (!branded) return false;
  return code === undefined || (e as StoreError).code === code;
}

/** Passes StoreErrors through; wraps anything else as INTERNAL with the original as cause. */
export function asStoreError(e: unknown, context: string): StoreError {
  if (isStoreError(e)) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new InternalError(`${context}: ${reason}`, { cause: e });
}
