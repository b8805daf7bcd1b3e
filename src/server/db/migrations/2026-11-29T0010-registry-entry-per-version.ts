import type { Kysely } from "kysely";

/**
 * A document version is registered in the diarium at most once (when it is added). The case page reads each
 * document's current version with its diarium number in one join (`caseDocuments`), which relies on that: this
 * unique index makes the database hold it. It replaces the index on `document_id` alone, whose lookups it also
 * serves. Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("registry_entries_document_version")
    .on("registry_entries")
    .columns(["document_id", "document_version"])
    .unique()
    .execute();
  await db.schema.dropIndex("registry_entries_document").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("registry_entries_document")
    .on("registry_entries")
    .column("document_id")
    .execute();
  await db.schema.dropIndex("registry_entries_document_version").execute();
}
