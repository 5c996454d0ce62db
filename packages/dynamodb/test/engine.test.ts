import { engine, dynamodbEngine, listTablesWithPrefix, tableName } from "../src";
import { endpoint, uniquePrefix } from "./support/local";

const context = { create: true, projectRoot: "/proj", configFile: null };

describe("the DynamoDB engine descriptor", () => {
  it("is exported as `engine` and declares its keys, defaults and environment overrides", () => {
    expect(engine).toBe(dynamodbEngine);
    expect(Object.keys(engine.settings)).toEqual(["tablePrefix", "region", "endpoint", "createTables", "shards"]);
    expect(engine.settings.endpoint.env).toBe("BLUE_DYNAMODB_ENDPOINT");
    expect(engine.settings.region).toMatchObject({
      default: "us-east-1",
      env: "BLUE_DYNAMODB_REGION",
      envFallback: ["AWS_REGION", "AWS_DEFAULT_REGION"],
    });
    expect(engine.settings.shards).toMatchObject({ type: "integer", min: 1, max: 256 });
  });

  it("isolate gives a table of its own; removeNamespace deletes it and nothing else", async () => {
    const base = { tablePrefix: uniquePrefix("iso"), region: "us-east-1", endpoint: endpoint(), createTables: false };
    const a = engine.isolate!(base, "case1") as typeof base;
    const b = engine.isolate!(base, "case2") as typeof base;
    expect(a).toEqual({ ...base, tablePrefix: `${base.tablePrefix}case1_`, createTables: true });
    for (const settings of [a, b]) await (await engine.open(settings, context)).close();
    expect((await listTablesWithPrefix(base, base.tablePrefix)).sort()).toEqual([tableName(a.tablePrefix), tableName(b.tablePrefix)]);
    await engine.removeNamespace!(a);
    expect(await listTablesWithPrefix(base, base.tablePrefix)).toEqual([tableName(b.tablePrefix)]);
    await engine.removeNamespace!(b);
    expect(await listTablesWithPrefix(base, base.tablePrefix)).toEqual([]);
  });

  it("isolate refuses a namespace that makes no valid table name", () => {
    const base = { tablePrefix: "p_", region: "us-east-1", createTables: false };
    expect(() => engine.isolate!(base, "not/valid")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("never opens with create: false, whatever create_tables says", async () => {
    const settings = { tablePrefix: uniquePrefix("nocreate"), region: "us-east-1", endpoint: endpoint(), createTables: true };
    await expect(engine.open(settings, { ...context, create: false })).rejects.toMatchObject({ code: "CONFIG" });
    expect(await listTablesWithPrefix(settings, settings.tablePrefix)).toEqual([]);
  });

  it("describe redacts credentials; identity ignores how the endpoint is spelled", () => {
    const settings = {
      tablePrefix: "blue_",
      region: "eu-west-1",
      endpoint: "http://key:secret@localhost:8000/?token=x",
      createTables: false,
    };
    const d = engine.describe!(settings, { cwd: "/" });
    expect(d.line).toBe("dynamodb tables blue_* in eu-west-1 at http://localhost:8000");
    expect(JSON.stringify(d)).not.toMatch(/secret|token/);
    expect(engine.identity!({ ...settings, endpoint: "http://localhost:8000" })).toBe(
      engine.identity!({ ...settings, endpoint: "http://127.0.0.1:8000/" }),
    );
    expect(engine.identity!({ ...settings, endpoint: undefined })).toBe(
      "dynamodb:https://dynamodb.eu-west-1.amazonaws.com:443|eu-west-1|blue_store",
    );
  });
});
