import { createDocumentStore, createStorage, isStoreError, loadConfig, openStorage, parseConfig } from "../../src";
import { FIXED_CLOCK, tempProject, type TempProject } from "../helpers/project";

// Against the real @blue/store-dynamodb and DynamoDB Local (jest global setup).
const ENDPOINT = process.env.BLUE_TEST_DYNAMODB_ENDPOINT;
if (ENDPOINT === undefined) throw new Error("BLUE_TEST_DYNAMODB_ENDPOINT is not set: run under the package's jest config");

let project: TempProject;
let prefix: string;
let run = 0;
beforeEach(() => {
  project = tempProject("blue-config-dynamo-");
  prefix = `cfg${process.pid}x${run++}_`;
});
afterEach(() => project.remove());

function dynamoToml(extra = ""): string {
  return `[storage]\nbackend = "dynamodb"\n\n[storage.dynamodb]\ntable_prefix = "${prefix}"\nregion = "us-east-1"\nendpoint = "${ENDPOINT}"\n${extra}`;
}

describe("the DynamoDB engine through the config", () => {
  it("opens the configured tables, creating them, and round-trips a dialogue across reopen", async () => {
    project.write(".blue/config.toml", dynamoToml("create_tables = true\n"));
    const first = await openStorage({ cwd: project.root, env: {}, clock: FIXED_CLOCK });
    expect(first.name).toBe("dynamodb");
    expect(first.capabilities).toMatchObject({ persistent: true, listConsistency: "eventual" });
    await first.dialogues.createDialogue({ id: "d1", title: "On DynamoDB" });
    await first.dialogues.registerTension({ dialogueId: "d1", id: "T1", round: 1, expert: "ada", label: "cost", content: "Too dear?" });
    const written = await first.dialogues.exportDialogue("d1");
    await first.close();

    const second = await openStorage({ cwd: project.root, env: {}, clock: FIXED_CLOCK });
    expect(await second.dialogues.exportDialogue("d1")).toEqual(written);
    await second.close();
  });

  it("shards reaches the engine: the table keeps the count it was made with", async () => {
    project.write(".blue/config.toml", dynamoToml("create_tables = true\nshards = 16\n"));
    const first = await openStorage({ cwd: project.root, env: {}, clock: FIXED_CLOCK });
    const id = await first.documents.addDocument({ title: "Sharded", body: "sixteen" });
    await first.close();
    project.write(".blue/config.toml", dynamoToml("shards = 8\n"));
    await expect(openStorage({ cwd: project.root, env: {}, clock: FIXED_CLOCK })).rejects.toMatchObject({
      code: "CONFIG",
      details: { shards: 16, requested: 8 },
    });
    project.write(".blue/config.toml", dynamoToml());
    const second = await openStorage({ cwd: project.root, env: {}, clock: FIXED_CLOCK });
    expect((await second.documents.listDocumentsPage({})).items.map((d) => d.id)).toEqual([id]);
    await second.close();
  });

  it("without create_tables, a missing table is the engine's ConfigError", async () => {
    project.write(".blue/config.toml", dynamoToml());
    const config = await loadConfig({ cwd: project.root, env: {} });
    expect(config.settings.createTables).toBe(false);
    await expect(createStorage(config)).rejects.toMatchObject({ code: "CONFIG", details: { table: `${prefix}store` } });
  });

  it("takes endpoint, region and table prefix from the environment over the file", async () => {
    project.write(
      ".blue/config.toml",
      '[storage]\nbackend = "sqlite"\n[storage.dynamodb]\nendpoint = "http://127.0.0.1:9"\ncreate_tables = true\n',
    );
    const env = {
      BLUE_STORAGE_BACKEND: "dynamodb",
      BLUE_DYNAMODB_ENDPOINT: ENDPOINT,
      BLUE_DYNAMODB_REGION: "eu-west-1",
      BLUE_DYNAMODB_TABLE_PREFIX: prefix,
    };
    const documents = await createDocumentStore(await loadConfig({ cwd: project.root, env }));
    const id = await documents.addDocument({ title: "Env", body: "overrides reach the engine" });
    expect((await documents.getDocument(id))?.title).toBe("Env");
    expect(documents.backend.name).toBe("dynamodb");
    await documents.close();
  });

  it("passes the engine's error through for an unreachable endpoint, as a StoreError", async () => {
    const config = await parseConfig(dynamoToml().replace(ENDPOINT, "http://127.0.0.1:9"), { projectRoot: project.root });
    const error = await createStorage(config).catch((e: unknown) => e);
    // The engine classifies it (UNAVAILABLE under plain Node; under jest's realms the SDK wraps
    // the socket error and it arrives as INTERNAL): either way a StoreError, never a raw SDK error.
    expect(isStoreError(error)).toBe(true);
    expect((error as Error).message).toContain("ECONNREFUSED");
  });
});
