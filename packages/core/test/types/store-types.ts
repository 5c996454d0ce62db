// Type tests of the generic store (checked by `tsc -p test/types`, part of `pnpm test`, and by
// the package's typecheck). A line marked @ts-expect-error must fail to compile.
import { expectTypeOf } from "expect-type";
import { z } from "zod";
import { createMemoryStorage } from "../../src/memory";
import type { KeySchema, Store, TransactOp } from "../../src/types/stores";
import type { JsonObject, JsonValue } from "../../src/types/json";
import type { StandardSchemaV1 } from "../../src/types/standard-schema";

const storage = createMemoryStorage();

interface Session {
  pk: string;
  sk: string;
  userId: string;
  expires?: number;
  roles: string[];
  prefs: { theme: "dark" | "light"; size: number | null };
  history: Array<{ at: string; ok: boolean }>;
  extra?: JsonValue;
}
type SessionAlias = { pk: string; sk: string; n: number; tags: readonly string[] };
const key = (i: { pk: string; sk: string }) => ({ pk: i.pk, sk: i.sk });

// Interfaces and type aliases of JSON-shaped objects are accepted.
const sessions = storage.store<Session>({ name: "sessions", key });
expectTypeOf(sessions).toEqualTypeOf<Store<Session>>();
expectTypeOf(sessions.get("p", "s")).resolves.toEqualTypeOf<Session | null>();
expectTypeOf(sessions.getMany([{ pk: "p", sk: "s" }])).resolves.toEqualTypeOf<Array<Session | null>>();
expectTypeOf(sessions.iterate("p", "")).toEqualTypeOf<AsyncIterable<Session>>();
expectTypeOf(storage.store<SessionAlias>({ name: "alias", key })).toEqualTypeOf<Store<SessionAlias>>();
expectTypeOf(storage.store<JsonObject>({ name: "loose", key: () => ({ pk: "p", sk: "s" }) })).toEqualTypeOf<Store<JsonObject>>();
// T is inferred from the key function's parameter.
expectTypeOf(storage.store({ name: "inferred", key: (i: Session) => key(i) })).toEqualTypeOf<Store<Session>>();

// Shapes that are not JSON are refused at compile time (and, through casts, at run time).
interface WithDate {
  pk: string;
  sk: string;
  at: Date;
}
interface WithFunction {
  pk: string;
  sk: string;
  f: () => void;
}
interface WithMap {
  pk: string;
  sk: string;
  m: Map<string, string>;
}
interface WithBigint {
  pk: string;
  sk: string;
  b: bigint;
}
interface WithUnknown {
  pk: string;
  sk: string;
  u: unknown;
}
interface Nested {
  pk: string;
  sk: string;
  deep: { list: Array<{ when: Date }> };
}
class Thing {
  constructor(readonly x: number) {}
  method(): number {
    return this.x;
  }
}
interface WithClass {
  pk: string;
  sk: string;
  thing: Thing;
}
// @ts-expect-error a Date is not JSON
storage.store<WithDate>({ name: "d", key });
// @ts-expect-error a function is not JSON
storage.store<WithFunction>({ name: "f", key });
// @ts-expect-error a Map is not JSON
storage.store<WithMap>({ name: "m", key });
// @ts-expect-error a bigint is not JSON
storage.store<WithBigint>({ name: "b", key });
// @ts-expect-error unknown may be anything
storage.store<WithUnknown>({ name: "u", key });
// @ts-expect-error a Date deep inside
storage.store<Nested>({ name: "n", key });
// @ts-expect-error a class instance with methods
storage.store<WithClass>({ name: "c", key });

// The new methods' argument types.
sessions.put({ pk: "p", sk: "s", userId: "u", roles: [], prefs: { theme: "dark", size: null }, history: [] }, { ttlSeconds: 60 });
// @ts-expect-error ttlSeconds is a number
sessions.put({} as Session, { ttlSeconds: "60" });
expectTypeOf(sessions.deleteMany([])).resolves.toEqualTypeOf<number>();
const ops: TransactOp<Session>[] = [
  { delete: { pk: "p", sk: "s" }, ifExists: true },
  { check: { pk: "p", sk: "t" }, exists: false },
];
expectTypeOf(sessions.transact(ops)).resolves.toEqualTypeOf<void>();
// @ts-expect-error a check needs `exists`
sessions.transact([{ check: { pk: "p", sk: "s" } }]);

// A Standard Schema validator: zod's schemas are accepted as they are.
const zSession = z.object({ pk: z.string(), sk: z.string(), n: z.number().int() });
type ZSession = z.infer<typeof zSession>;
const validated: KeySchema<ZSession> = { name: "zod", key, validator: zSession };
expectTypeOf(storage.store(validated)).toEqualTypeOf<Store<ZSession>>();
expectTypeOf(zSession).toExtend<StandardSchemaV1<unknown, ZSession>>();
// @ts-expect-error a validator of another output type
const mismatched: KeySchema<SessionAlias> = { name: "zod", key, validator: zSession };
void mismatched;
