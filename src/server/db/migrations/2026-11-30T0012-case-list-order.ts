import { type Kysely, sql } from "kysely";

/**
 * The case list's common lists in their own order from an index: newest change first, then by case id
 * (`updated_at desc, id`). Before, `cases_state` ended with `updated_at`, so cases changed at the same moment (a
 * meeting's decisions, the bench country's cases of the day) were sorted after reading them all, and the lists
 * with no step (every case, the open ones, a region's) sorted every matching case to show the first twenty: 30 ms
 * at 10,000 cases for the whole list, seconds at 1,000,000. Each index now ends with the full order, so the first
 * page is the index's first rows: by step (`cases_state`), a region's by step (`cases_region`), every case and the
 * open ones (`cases_updated`, skipping the closed ones, which seldom come first), and a region's open cases
 * (`cases_open_region_updated`, partial, which also counts them without reading a row). Every index here holds
 * `updated_at`, which every action changes: four index entries rewritten per action instead of one, so the set is
 * kept to what the lists people open need. Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("cases_state").execute();
  await sql`create index cases_state on cases (state, updated_at desc, id)`.execute(db);
  await db.schema.dropIndex("cases_region").execute();
  await sql`create index cases_region on cases (region_id, state, updated_at desc, id)`.execute(db);
  await sql`create index cases_updated on cases (updated_at desc, id)`.execute(db);
  await sql`create index cases_open_region_updated on cases (region_id, updated_at desc, id)
    where closed_at is null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("cases_open_region_updated").execute();
  await db.schema.dropIndex("cases_updated").execute();
  await db.schema.dropIndex("cases_region").execute();
  await db.schema.createIndex("cases_region").on("cases").columns(["region_id", "state"]).execute();
  await db.schema.dropIndex("cases_state").execute();
  await db.schema.createIndex("cases_state").on("cases").columns(["state", "updated_at"]).execute();
}
