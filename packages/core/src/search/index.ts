export * from "./tokenizer";
export * from "./bm25";
