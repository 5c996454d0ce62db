// The conformance kit's worker opens the SQLite file of a namespace in another process
// (processes.* and crash.* cases), from the package's build.
const { join } = require("node:path");
const { openSqliteStorage } = require("../../dist/index.cjs");

/** The harness's `worker.options` ({ dir }) plus the kit's namespace and clock. */
exports.open = ({ dir, namespace, clock }) => openSqliteStorage({ path: join(dir, `${namespace}.db`), clock });
