import { type Kysely, sql } from "kysely";

/**
 * Indexes for the regions' certification status on the map and the region list: whether a region has an open
 * new-region or recertification case, and which region certifications it holds, are each a few index seeks per
 * region instead of a scan of every case and every certification. Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index cases_open_certification_region on cases (region_id, kind)
    where closed_at is null and process = 'certification'`.execute(db);
  await db.schema
    .createIndex("certifications_region_subject")
    .on("certifications")
    .columns(["subject_kind", "region_id", "status", "valid_to", "valid_from"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("certifications_region_subject").execute();
  await db.schema.dropIndex("cases_open_certification_region").execute();
}
