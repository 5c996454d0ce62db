/**
 * @blue/store-cli: the `blue-store` command-line tool, and the pieces it is built from for
 * programs that want them: the migration engine (`migrateStorage`, `verifyMigration`) and
 * `runCli` to embed the CLI.
 */
export { runCli, createProgram } from "./program";
export { EXIT, type ExitCode } from "./runtime/exit-codes";
export type { CliIo } from "./runtime/context";
export { migrateStorage, type MigrateOptions, type MigrationResult, type KindCounts } from "./migrate/engine";
export { verifyMigration, type VerificationReport, type VerifyOptions } from "./migrate/verify";
export { lineProgress, barProgress, silentProgress, type ProgressSink } from "./migrate/progress";
export { firstDifference, exportDifference } from "./migrate/compare";
export { runDemo, type DemoReport } from "./demo/run-demo";
