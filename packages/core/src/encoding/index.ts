export * from "./utf8";
export * from "./key-codec";
export * from "./cursor";
export * from "./id-generator";
