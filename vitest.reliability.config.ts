import { defineConfig } from "vitest/config";

/** Reliability tests start real server processes and load them; they run one file at a time, after the rest. */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: "forks",
    // PostgreSQL for the suite: the machine's, or an embedded one started once for the run.
    globalSetup: ["test/support/pg-global-setup.ts"],
  },
});
