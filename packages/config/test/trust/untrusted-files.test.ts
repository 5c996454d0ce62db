import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { createStorage, isStoreError, loadConfig, openStorage, parseConfig } from "../../src";
import { untrustedBecause } from "../../src/trust/file-trust";
import { tempProject, type TempProject } from "../helpers/project";

const CORE = JSON.stringify(require.resolve("@blue/store-core"));
const OTHER_UID = 4242;
const isRoot = process.getuid?.() === 0;
const posix = process.platform !== "win32";

/** A custom engine module that leaves `marker` behind when it is loaded (so a test sees whether its code ran). */
function engineSource(marker: string): string {
  return (
    `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\n` +
    `const { createMemoryStorage } = require(${CORE});\n` +
    'exports.engine = { name: "custom-engine", settings: {}, open: async () => createMemoryStorage({ name: "custom-engine" }) };\n'
  );
}

async function refusal(
  p: Promise<unknown>,
): Promise<{ code: string; message: string; details: { untrusted?: { reason: string; kind: string; path: string } } }> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isStoreError(error)).toBe(true);
  return error as never;
}

(posix ? describe : describe.skip)(
  "issue 15 item 10: a config file or custom module that other users can write is refused (CONFIG)",
  () => {
    let project: TempProject;
    let config: string;
    let module: string;
    let marker: string;

    beforeEach(() => {
      project = tempProject();
      marker = join(project.root, "module-ran");
      module = project.write("engine/engine.cjs", engineSource(marker));
      config = project.write(".blue/config.toml", '[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "./engine/engine.cjs"\n');
      chmodSync(join(project.root, ".blue"), 0o755);
      chmodSync(join(project.root, "engine"), 0o755);
      chmodSync(config, 0o644);
      chmodSync(module, 0o644);
    });
    afterEach(() => {
      jest.restoreAllMocks();
      project.remove();
    });

    it("files only their owner can write load, and the module runs (the control case)", async () => {
      const backend = await openStorage({ cwd: project.root, env: {} });
      expect(backend.name).toBe("custom-engine");
      expect(existsSync(marker)).toBe(true);
      await backend.close();
    });

    it.each([
      ["group-writable", 0o664],
      ["world-writable", 0o646],
    ])("a %s config file is refused before it is read", async (reason, mode) => {
      chmodSync(config, mode);
      const e = await refusal(loadConfig({ cwd: project.root, env: {} }));
      expect(e.code).toBe("CONFIG");
      expect(e.details.untrusted).toMatchObject({ reason, kind: "file", path: config });
      expect(e.message).toContain(`${config}: refusing to use the config file: it is ${reason} (mode ${mode.toString(8)})`);
      expect(e.message).toContain(`chmod go-w ${config}`);
      await refusal(openStorage({ cwd: project.root, env: {} }));
      expect(existsSync(marker)).toBe(false);
    });

    it("a .blue/ folder others can write is refused (they could replace the file); a sticky one is not", async () => {
      chmodSync(join(project.root, ".blue"), 0o775);
      const e = await refusal(loadConfig({ cwd: project.root, env: {} }));
      expect(e.details.untrusted).toMatchObject({ reason: "group-writable", kind: "folder", path: join(project.root, ".blue") });
      expect(e.message).toContain(`the folder holding it, ${join(project.root, ".blue")}, is group-writable`);
      chmodSync(join(project.root, ".blue"), 0o1777);
      await expect(loadConfig({ cwd: project.root, env: {} })).resolves.toMatchObject({ backend: "custom" });
    });

    it("a config file linked from a folder others can write is judged by its target's folder", async () => {
      const shared = join(project.root, "shared");
      mkdirSync(shared, { mode: 0o777 });
      chmodSync(shared, 0o777);
      const target = project.write("shared/config.toml", '[storage]\nbackend = "memory"\n');
      chmodSync(target, 0o644);
      const link = join(project.root, "linked");
      mkdirSync(join(link, ".blue"), { recursive: true, mode: 0o755 });
      symlinkSync(target, join(link, ".blue", "config.toml"));
      const e = await refusal(loadConfig({ cwd: link, env: {} }));
      expect(e.details.untrusted).toMatchObject({ reason: "world-writable", kind: "folder", path: shared });
    });

    (isRoot ? it : it.skip)("a config file owned by another user is refused; one owned by root or by you is trusted", async () => {
      chownSync(config, OTHER_UID, OTHER_UID);
      const e = await refusal(loadConfig({ cwd: project.root, env: {} }));
      expect(e.details.untrusted).toMatchObject({ reason: "foreign-owner", kind: "file" });
      expect(e.message).toContain(`is owned by uid ${OTHER_UID}, neither you (uid 0) nor root`);
      // As a user other than root: root's files and the user's own are trusted, a third user's are not.
      jest.spyOn(process, "getuid").mockReturnValue(OTHER_UID);
      chownSync(join(project.root, ".blue"), OTHER_UID, OTHER_UID);
      await expect(loadConfig({ cwd: project.root, env: {} })).resolves.toMatchObject({ backend: "custom" });
      chownSync(config, 0, 0);
      await expect(loadConfig({ cwd: project.root, env: {} })).resolves.toMatchObject({ backend: "custom" });
      chownSync(config, OTHER_UID + 1, OTHER_UID + 1);
      expect((await untrustedBecause(config))?.reason).toBe("foreign-owner");
    });

    it.each([
      ["group-writable module", () => chmodSync(module, 0o664), "group-writable", "file"],
      ["world-writable module folder", () => chmodSync(join(project.root, "engine"), 0o777), "world-writable", "folder"],
      ...(isRoot
        ? [["module owned by another user", () => chownSync(module, OTHER_UID, OTHER_UID), "foreign-owner", "file"] as const]
        : []),
    ] as const)("a custom engine is refused before its code runs: %s", async (_what, spoil, reason, kind) => {
      spoil();
      const e = await refusal(openStorage({ cwd: project.root, env: {} }));
      expect(e.code).toBe("CONFIG");
      expect(e.details).toMatchObject({ key: "storage.custom.module", module: "./engine/engine.cjs", untrusted: { reason, kind } });
      expect(e.message).toContain("refusing to use the custom backend module");
      expect(existsSync(marker)).toBe(false);
    });

    it("a package named as the module is judged by the file it resolves to, or (ESM-only) by its package.json", async () => {
      const main = project.write("node_modules/cjs-engine/main.js", engineSource(marker));
      project.write("node_modules/cjs-engine/package.json", JSON.stringify({ name: "cjs-engine", main: "main.js" }));
      chmodSync(main, 0o666);
      chmodSync(join(project.root, "node_modules", "cjs-engine"), 0o755);
      const named = (name: string) =>
        parseConfig(`[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "${name}"\n`, { source: config, projectRoot: project.root });
      expect((await refusal(named("cjs-engine"))).details.untrusted).toMatchObject({ reason: "world-writable", path: main });
      const pkg = project.write(
        "node_modules/esm-engine/package.json",
        JSON.stringify({ name: "esm-engine", type: "module", exports: { import: "./main.mjs" } }),
      );
      project.write(
        "node_modules/esm-engine/main.mjs",
        `import { writeFileSync } from "node:fs"; writeFileSync(${JSON.stringify(marker)}, "ran"); export function createStorage() {}\n`,
      );
      chmodSync(join(project.root, "node_modules", "esm-engine"), 0o755);
      chmodSync(pkg, 0o664);
      expect((await refusal(named("esm-engine"))).details.untrusted).toMatchObject({ reason: "group-writable", path: pkg });
      expect(existsSync(marker)).toBe(false);
    });

    it("parseConfig and createStorage refuse a config from a file others can write (e.g. a migration target), before its module runs", async () => {
      const target = project.write(
        "elsewhere/target.toml",
        '[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "../engine/engine.cjs"\n',
      );
      chmodSync(join(project.root, "elsewhere"), 0o755);
      chmodSync(target, 0o664);
      const text = '[storage]\nbackend = "custom"\n[storage.custom]\nmodule = "./engine/engine.cjs"\n';
      const e = await refusal(parseConfig(text, { source: target, projectRoot: project.root }));
      expect(e.details.untrusted).toMatchObject({ reason: "group-writable", path: target });
      expect(existsSync(marker)).toBe(false);
      // A config parsed while the file was fine is refused by createStorage once it is not.
      chmodSync(target, 0o644);
      const parsed = await parseConfig(text, { source: target, projectRoot: project.root });
      rmSync(marker);
      chmodSync(target, 0o664);
      expect((await refusal(createStorage(parsed))).details.untrusted).toMatchObject({ reason: "group-writable", path: target });
    });
  },
);
