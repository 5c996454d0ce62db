export * from "./context";
export * from "./dialogues";
export * from "./documents";
export * from "./links";
export * from "./export";
export * from "./generic";
export * from "./paging";
export * from "./lifecycle";
