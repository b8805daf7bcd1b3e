import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/e2e/**", "test/reliability/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // PostgreSQL for the suite: the machine's, or an embedded one started once for the run.
    globalSetup: ["test/support/pg-global-setup.ts"],
  },
});
