export * from "./limits";
export * from "./json";
export * from "./scalars";
export * from "./entity-refs";
export * from "./options";
