// The conformance kit's worker opens a namespace's JSON file in another process (crash.*
// cases: a writer is killed, then the test process checks the file), from the example's build.
const { join } = require("node:path");
const { openJsonFileStorage } = require("../dist/index.cjs");

/** The harness's `worker.options` ({ dir }) plus the kit's namespace and clock. */
exports.open = ({ dir, namespace, clock }) => openJsonFileStorage({ file: join(dir, `${namespace}.json`), clock });
