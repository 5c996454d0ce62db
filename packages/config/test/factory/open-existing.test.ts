import { existsSync } from "node:fs";
import { join } from "node:path";
import { createStorage, isStoreError, loadConfig } from "../../src";
import { tempProject, type TempProject } from "../helpers/project";

let project: TempProject;
beforeEach(() => {
  project = tempProject("blue-config-existing-");
});
afterEach(() => project.remove());

describe("createStorage(config, { create: false }) opens existing storage only", () => {
  it("sqlite: a missing database is CONFIG (details.missing) and neither the folder nor the file is created", async () => {
    const config = await loadConfig({ cwd: project.root, env: {} });
    const e = await createStorage(config, { create: false }).then(
      () => null,
      (x: unknown) => x,
    );
    expect(isStoreError(e, "CONFIG")).toBe(true);
    expect((e as { details: unknown }).details).toMatchObject({ missing: true });
    expect(existsSync(join(project.root, ".blue"))).toBe(false);
  });

  it("sqlite: an existing database opens", async () => {
    const config = await loadConfig({ cwd: project.root, env: {} });
    await (await createStorage(config)).close();
    const b = await createStorage(config, { create: false });
    expect(b.name).toBe("sqlite");
    await b.close();
  });
});
