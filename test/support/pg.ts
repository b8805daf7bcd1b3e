/**
 * Where the tests find PostgreSQL, in one place. `SPELPLAN_TEST_PG` names the test database (default: the
 * machine's server on 127.0.0.1:5432); `SPELPLAN_TEST_PG_ADMIN` a database on the same server from which
 * per-test databases are created (default: `postgres` on the server of SPELPLAN_TEST_PG). The global setup
 * (pg-global-setup.ts) points both at an embedded PostgreSQL when the machine's does not answer.
 */
export const DEFAULT_TEST_PG = "postgres://postgres@127.0.0.1:5432/spelplan_test";

export function testPgUrl(): string {
  return process.env.SPELPLAN_TEST_PG ?? DEFAULT_TEST_PG;
}

export function testPgAdminUrl(): string {
  if (process.env.SPELPLAN_TEST_PG_ADMIN) return process.env.SPELPLAN_TEST_PG_ADMIN;
  const url = new URL(testPgUrl());
  url.pathname = "/postgres";
  return url.toString();
}
