import { existsSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ensureDatabase, postgresAnswers, startLocalPostgres } from "../src/server/db/local-postgres";

/** The embedded PostgreSQL that a machine without one gets (tests, pg:dev, bench): real, and gone at stop. */
describe("startLocalPostgres", () => {
  it("starts a real PostgreSQL on a free port, creates a database, and removes its temporary data at stop", async () => {
    const local = await startLocalPostgres({ fast: true });
    try {
      expect(await postgresAnswers(local.adminUrl)).toBe(true);
      await ensureDatabase(local.adminUrl, "spelplan_try");
      await ensureDatabase(local.adminUrl, "spelplan_try"); // a second time is no error
      const client = new pg.Client({ connectionString: local.urlFor("spelplan_try") });
      await client.connect();
      const { rows } = await client.query<{ v: string; db: string }>(
        "select current_setting('server_version_num') as v, current_database() as db",
      );
      await client.end();
      expect(rows[0].db).toBe("spelplan_try");
      expect(Number(rows[0].v)).toBeGreaterThanOrEqual(170000);
      expect(existsSync(local.dataDir)).toBe(true);
    } finally {
      await local.stop();
    }
    expect(existsSync(local.dataDir)).toBe(false);
    expect(await postgresAnswers(local.adminUrl, 500)).toBe(false);
  });
});
