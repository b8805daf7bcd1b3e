import { sql } from "kysely";
import type { DB, Tx } from "./connect";
import { isPostgres } from "./dialect";

/** At most this many transactions share one commit (the connection is held for all of them). */
const MAX_BATCH = 64;

interface Unit {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit on SQLite. The app has one SQLite connection, so its transactions run one after another anyway;
 * committing each on its own writes its pages to the WAL once per transaction (and now and then a checkpoint).
 * Here the transactions asked for while one is running wait together and then run, in the order they were asked
 * for, inside one database transaction, each in its own savepoint, and are committed together:
 *
 * - a transaction that throws is rolled back to its savepoint (nothing of it stays) and its caller gets the error
 *   at once; the others in the batch are not affected;
 * - a caller learns that its transaction succeeded only after the commit; if the commit fails, every transaction
 *   of the batch fails with that error and nothing of the batch stays;
 * - when nothing is running, a transaction starts at once: a single request waits for no one.
 *
 * PostgreSQL has a pool of connections and commits concurrently by itself: there `transact` is a plain
 * transaction.
 */
class GroupCommit {
  private readonly queue: Unit[] = [];
  private running = false;
  /** Batches committed (or failed) so far: for the tests. */
  batches = 0;

  constructor(private readonly db: DB) {}

  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.runBatch(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.running = false;
    }
  }

  private async runBatch(batch: Unit[]): Promise<void> {
    const succeeded: { unit: Unit; value: unknown }[] = [];
    let started = 0;
    let current: Unit | null = null;
    this.batches += 1;
    try {
      await this.db.transaction().execute(async (tx) => {
        if (batch.length === 1) {
          // Alone in its batch: the transaction is its own, no savepoint needed.
          started = 1;
          current = batch[0];
          succeeded.push({ unit: batch[0], value: await batch[0].fn(tx) });
          return;
        }
        for (const unit of batch) {
          started += 1;
          current = unit;
          await sql`savepoint spelplan_unit`.execute(tx);
          try {
            const value = await unit.fn(tx);
            await sql`release savepoint spelplan_unit`.execute(tx);
            succeeded.push({ unit, value });
          } catch (err) {
            // Its own writes are undone; the batch goes on.
            await sql`rollback to savepoint spelplan_unit`.execute(tx);
            await sql`release savepoint spelplan_unit`.execute(tx);
            unit.reject(err);
          }
          current = null;
        }
      });
    } catch (err) {
      // The batch did not commit, or a unit's writes could not be undone: nothing of the batch stays. Those run
      // so far fail with the cause. Those not yet run go back to the front of the queue when a unit was at fault
      // (each failed batch settles at least one unit); when the transaction could not even begin, they fail too.
      for (const s of succeeded) s.unit.reject(err);
      (current as Unit | null)?.reject(err);
      const notRun = batch.slice(started);
      if (started > 0) this.queue.unshift(...notRun);
      else for (const unit of notRun) unit.reject(err);
      return;
    }
    for (const s of succeeded) s.unit.resolve(s.value);
  }
}

const committers = new WeakMap<DB, GroupCommit | null>();

function committerOf(db: DB): GroupCommit | null {
  let c = committers.get(db);
  if (c === undefined) {
    c = isPostgres(db) ? null : new GroupCommit(db);
    committers.set(db, c);
  }
  return c;
}

/** Runs `fn` in a transaction of its own: all of it commits, or none of it (see GroupCommit for SQLite). */
export function transact<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const c = committerOf(db);
  return c ? c.run(fn) : db.transaction().execute(fn);
}

/** How many batches the database's group commit has run (0 on PostgreSQL). */
export function groupCommitBatches(db: DB): number {
  return committerOf(db)?.batches ?? 0;
}
