export { createMemoryStorage, type MemoryStorageOptions } from "./memory-backend";
