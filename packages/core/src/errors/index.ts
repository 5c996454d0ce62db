export * from "./store-error";
