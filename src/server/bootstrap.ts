import type { Ctx } from "./context";
import type { DB } from "./db/connect";
import { migrateToLatest } from "./db/migrate";
import { ensureCaseStatistics } from "./modules/cases/statistics";
import { loadReferenceData } from "./modules/reference/load";
import { loadDemoData, SYSTEM, seedCriteria } from "./seed/demo";

export interface BootstrapResult {
  migrated: string[];
  demoLoaded: boolean;
}

/**
 * Brings a database to a runnable state: migrations, reference data (counties, municipalities),
 * criteria sets, and — when asked and the database has no users yet — the demo.
 */
export async function bootstrap(
  db: DB,
  opts: { demo: boolean; now: () => Date; newId: () => string },
): Promise<BootstrapResult> {
  const migrated = await migrateToLatest(db);
  // Statistics added by a migration are built once from the cases and events already there.
  await ensureCaseStatistics(db);
  await db.transaction().execute(async (tx) => {
    const ctx: Ctx = { db: tx, actor: SYSTEM, now: opts.now(), newId: opts.newId, meta: {} };
    await loadReferenceData(tx);
    await seedCriteria(ctx);
  });
  let demoLoaded = false;
  if (opts.demo) {
    const anyUser = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (!anyUser) {
      await loadDemoData(db, opts.now(), opts.newId);
      demoLoaded = true;
    }
  }
  return { migrated, demoLoaded };
}
