// Type tests: `instanceof` of the branded error classes still narrows (their
// `Symbol.hasInstance` is a type predicate of the class it is called on).
import { expectTypeOf } from "expect-type";
import { NotFoundError, StoreError, type StoreErrorCode } from "../../src/errors";

declare const e: unknown;
// @ts-expect-error without narrowing, `unknown` has no `code`
void e.code;
if (e instanceof NotFoundError) expectTypeOf(e.code).toEqualTypeOf<StoreErrorCode>();
if (e instanceof StoreError) expectTypeOf(e.details).toEqualTypeOf<Record<string, unknown>>();
class AppError extends NotFoundError {
  readonly extra = 1;
}
if (e instanceof AppError) expectTypeOf(e.extra).toEqualTypeOf<number>();
