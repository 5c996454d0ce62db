export { createMemoryStorage, type MemoryStorageOptions } from "./memory-backend";
export { memoryEngine } from "./engine";
