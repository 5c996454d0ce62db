import { defineConfig } from "vitest/config";

// Only the vitest adapter check runs under vitest; every other test runs under jest.
export default defineConfig({ test: { include: ["test-vitest/**/*.test.ts"], testTimeout: 60_000 } });
