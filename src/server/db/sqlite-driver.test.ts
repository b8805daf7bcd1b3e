import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connect, type DB } from "./connect";

describe("the SQLite connection's queue (QueuedSqliteDialect)", () => {
  let db: DB;
  beforeEach(async () => {
    db = connect({ sqliteFile: ":memory:" });
    await sql`create table probe (seq integer primary key autoincrement, v integer not null)`.execute(db);
  });
  afterEach(async () => db.destroy());

  const values = async () =>
    (await sql<{ v: number }>`select v from probe order by seq`.execute(db)).rows.map((r) => Number(r.v));
  const count = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from probe`.execute(db)).rows[0].n);

  it("runs queries asked for at once one after another, in the order asked", async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => sql`insert into probe (v) values (${i})`.execute(db)),
    );
    expect(await values()).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it("keeps the connection for a transaction: a query asked for during it waits and sees all of it", async () => {
    let inside!: () => void;
    const started = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const transaction = db.transaction().execute(async (tx) => {
      await sql`insert into probe (v) values (1)`.execute(tx);
      inside();
      // Let the query below ask for the connection while the transaction is half done.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await sql`insert into probe (v) values (2)`.execute(tx);
    });
    await started;
    const seen = count();
    await transaction;
    expect(await seen).toBe(2);
  });

  it("passes the connection on after a query that fails and after a transaction rolled back", async () => {
    const results = await Promise.allSettled([
      sql`insert into probe (v) values (1)`.execute(db),
      sql`insert into no_such_table (v) values (2)`.execute(db),
      db.transaction().execute(async (tx) => {
        await sql`insert into probe (v) values (3)`.execute(tx);
        throw new Error("rolled back");
      }),
      sql`insert into probe (v) values (4)`.execute(db),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(await values()).toEqual([1, 4]);
  });
});
