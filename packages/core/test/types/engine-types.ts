// Type tests of the engine descriptor (checked by `tsc -p test/types`). Each line marked with
// ts-expect-error below must fail to compile.
import { expectTypeOf } from "expect-type";
import { createMemoryStorage } from "../../src/memory";
import { openStore, type OwnedStore } from "../../src/backend";
import { defineEngine } from "../../src/types/engine";
import type { DialogueStore, StorageBackend } from "../../src/types/stores";

interface Settings {
  path: string;
  level?: number;
}

const engine = defineEngine<Settings>({
  name: "typed",
  settings: { path: { type: "string" }, level: { type: "integer", min: 1 } },
  async open(settings, context) {
    expectTypeOf(settings.path).toEqualTypeOf<string>();
    expectTypeOf(settings.level).toEqualTypeOf<number | undefined>();
    expectTypeOf(context.create).toEqualTypeOf<boolean>();
    return createMemoryStorage();
  },
  isolate: (settings, namespace) => ({ ...settings, path: `${settings.path}.${namespace}` }),
});
expectTypeOf(engine.open).returns.resolves.toEqualTypeOf<StorageBackend>();

// Every setting must be declared, optional ones included, and no other.
// @ts-expect-error level is missing
defineEngine<Settings>({ name: "x", settings: { path: { type: "string" } }, open: async () => createMemoryStorage() });
defineEngine<Settings>({
  name: "x",
  // @ts-expect-error extra is not a setting
  settings: { path: { type: "string" }, level: { type: "integer" }, extra: { type: "string" } },
  open: async () => createMemoryStorage(),
});
defineEngine<Settings>({
  name: "x",
  // @ts-expect-error "float" is not a setting type
  settings: { path: { type: "float" }, level: { type: "integer" } },
  open: async () => createMemoryStorage(),
});

void (async () => {
  const dialogues = await openStore(createMemoryStorage(), "dialogues");
  expectTypeOf(dialogues).toEqualTypeOf<OwnedStore<DialogueStore>>();
  expectTypeOf(dialogues.close).toEqualTypeOf<() => Promise<void>>();
  // @ts-expect-error "generic" is not a store kind
  await openStore(createMemoryStorage(), "generic");
})();
