import type { Options } from "tsup";
/** The shared dual ESM/CJS build of a published package. */
export declare function packageBuild(entry: Record<string, string>, extra?: Options): Options;
