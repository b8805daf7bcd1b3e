import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachEngine, freshDb, type TestDb } from "../../../test/support/db";
import type { Tx } from "./connect";
import { groupCommitBatches, transact } from "./group-commit";

describeEachEngine("transact (group commit on SQLite)", (engine) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(engine, { reference: false });
    await sql`create table gc_probe (id integer primary key, v text not null)`.execute(t.db);
    await sql`create table gc_child (id integer primary key, parent_id integer not null references gc_probe (id) deferrable initially deferred)`.execute(
      t.db,
    );
  });
  afterEach(async () => t.close());

  const insert = (tx: Tx, id: number) =>
    sql`insert into gc_probe (id, v) values (${id}, ${`v${id}`})`.execute(tx);
  const ids = async () =>
    (await sql<{ id: number }>`select id from gc_probe order by id`.execute(t.db)).rows.map((r) =>
      Number(r.id),
    );

  it("commits transactions asked for together, in the order asked, and gives each its own result", async () => {
    const before = groupCommitBatches(t.db);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transact(t.db, async (tx) => {
          await insert(tx, i + 1);
          // Each sees what those before it wrote.
          const seen = await sql<{ n: number }>`select count(*) as n from gc_probe`.execute(tx);
          return Number(seen.rows[0].n);
        }),
      ),
    );
    expect(await ids()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    if (engine === "sqlite") {
      expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // The first starts at once; the other 19 arrived while it ran and share the next commit.
      expect(groupCommitBatches(t.db) - before).toBe(2);
    } else {
      expect(groupCommitBatches(t.db)).toBe(0);
    }
  });

  it("undoes only the transaction that fails; the others of its batch commit", async () => {
    await transact(t.db, (tx) => insert(tx, 1));
    await new Promise((r) => setImmediate(r));
    // On SQLite the first starts alone; the other four wait for it and share the next commit.
    const outcome = await Promise.allSettled([
      transact(t.db, (tx) => insert(tx, 2)),
      transact(t.db, (tx) => insert(tx, 3)),
      transact(t.db, async (tx) => {
        await insert(tx, 4);
        throw new Error("refused after writing");
      }),
      transact(t.db, async (tx) => {
        await insert(tx, 5);
        await insert(tx, 1); // a duplicate key: SQLite and PostgreSQL both refuse it
      }),
      transact(t.db, (tx) => insert(tx, 6)),
    ]);
    expect(outcome.map((o) => o.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    expect((outcome[2] as PromiseRejectedResult).reason.message).toBe("refused after writing");
    expect(await ids()).toEqual([1, 2, 3, 6]);
  });

  it("fails every transaction of a batch whose commit fails, and keeps none of it", async () => {
    // A deferred foreign key is checked at the commit: the batch's commit is refused.
    await transact(t.db, (tx) => insert(tx, 1));
    // Until the group commit has seen that its queue is empty, a new transaction would join the next batch.
    await new Promise((r) => setImmediate(r));
    const slow = transact(t.db, async (tx) => {
      await insert(tx, 2);
      await new Promise((r) => setTimeout(r, 50));
    });
    const batch = Promise.allSettled([
      transact(t.db, (tx) => insert(tx, 3)),
      transact(t.db, (tx) => sql`insert into gc_child (id, parent_id) values (1, 999)`.execute(tx)),
      transact(t.db, (tx) => insert(tx, 4)),
    ]);
    await slow;
    const outcome = await batch;
    if (engine === "sqlite") {
      // All three waited for `slow` and shared one commit, which the foreign key refused.
      expect(outcome.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
      expect(await ids()).toEqual([1, 2]);
    } else {
      // Each its own transaction: only the one with the broken reference fails.
      expect(outcome.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(await ids()).toEqual([1, 2, 3, 4]);
    }
    expect((await sql`select * from gc_child`.execute(t.db)).rows).toEqual([]);
    // The database takes the next transaction as usual.
    await transact(t.db, (tx) => insert(tx, 6));
    expect((await ids()).at(-1)).toBe(6);
  });

  it("answers a lone transaction at once and lets it read its own writes", async () => {
    const n = await transact(t.db, async (tx) => {
      await insert(tx, 7);
      return (await sql<{ v: string }>`select v from gc_probe where id = 7`.execute(tx)).rows[0].v;
    });
    expect(n).toBe("v7");
    expect(await ids()).toEqual([7]);
    await expect(
      transact(t.db, async (tx) => {
        await insert(tx, 8);
        throw new Error("alone and refused");
      }),
    ).rejects.toThrow("alone and refused");
    expect(await ids()).toEqual([7]);
  });
});
