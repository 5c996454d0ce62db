import { z } from "zod";
import { createMemoryStorage } from "../../src/memory";
import { isStoreError } from "../../src/errors";

// zod implements Standard Schema v1: KeySchema.validator takes its schemas as they are.
describe("a zod schema as the generic store's validator", () => {
  const Session = z.object({
    pk: z.string(),
    sk: z.string(),
    user: z.object({ name: z.string().min(1), roles: z.array(z.enum(["admin", "user"])) }),
    visits: z.number().int().default(0),
  });
  type Session = z.input<typeof Session>;
  const store = () =>
    createMemoryStorage().store<Session>({ name: "sessions", key: (s) => ({ pk: s.pk, sk: s.sk }), validator: Session as never });

  test("zod's issues become one VALIDATION error with their paths; nothing is written", async () => {
    const s = store();
    const err = await s.put({ pk: "p", sk: "s", user: { name: "", roles: ["admin", "root" as "admin"] } }).catch((e) => e);
    expect(isStoreError(err, "VALIDATION")).toBe(true);
    expect(err.details.field).toBe("item.user.name");
    expect(err.details.issues.map((i: { path: string }) => i.path)).toEqual(["item.user.name", "item.user.roles[1]"]);
    expect(await s.get("p", "s")).toBeNull();
  });

  test("zod's output (its defaults applied, unknown keys stripped) is what is stored", async () => {
    const s = store();
    await s.put({ pk: "p", sk: "s", user: { name: "Ada", roles: ["user"] }, extra: 1 } as Session);
    expect(await s.get("p", "s")).toEqual({ pk: "p", sk: "s", user: { name: "Ada", roles: ["user"] }, visits: 0 });
  });
});
