import { type Kysely, sql } from "kysely";

/**
 * Documents: a document (one slot of a case, or of an agreement, addendum or region) with its versions, each
 * version pointing to a content-addressed blob (sha256) in the file storage; and the diarium
 * (`registry_entries`): every incoming, outgoing or internal document version registered with a running
 * number per case ("TC 2027/0042-3"). Downloads are logged as events (stream "document"), not in a table.
 * Frozen once landed.
 */

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

const OWNER_TYPES = ["case", "agreement", "addendum", "region"];
const SLOTS = [
  "application",
  "selfAssessment",
  "actionPlan",
  "businessPlan",
  "contactList",
  "agreement",
  "addendum",
  "politicalDecision",
  "protocol",
  "supplement",
  "decisionBasis",
  "decision",
  "certificate",
  "other",
];
const DIRECTIONS = ["incoming", "outgoing", "internal"];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_type", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    // Set for documents of a case (owner_type 'case'), so a case's documents are one indexed query.
    .addColumn("case_id", "text", (c) => c.references("cases.id"))
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addCheckConstraint("documents_owner_type", inList("owner_type", OWNER_TYPES))
    .addCheckConstraint("documents_slot", inList("slot", SLOTS))
    .addCheckConstraint("documents_current_version", sql`current_version >= 1`)
    .execute();
  await db.schema
    .createIndex("documents_owner")
    .on("documents")
    .columns(["owner_type", "owner_id"])
    .execute();
  await db.schema.createIndex("documents_case").on("documents").column("case_id").execute();

  await db.schema
    .createTable("document_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("safe_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("generated", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("document_versions_number", ["document_id", "version"])
    .addCheckConstraint("document_versions_generated", sql`generated in (0, 1)`)
    .addCheckConstraint("document_versions_sha256", sql`length(sha256) = 64`)
    .addCheckConstraint("document_versions_size", sql`size > 0`)
    .execute();
  await db.schema.createIndex("document_versions_sha256").on("document_versions").column("sha256").execute();

  // The diarium: one entry per registered document version, numbered per case.
  await db.schema
    .createTable("registry_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("registered_on", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("counterpart", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.references("documents.id"))
    .addColumn("document_version", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("registry_entries_case_seq", ["case_id", "seq"])
    .addCheckConstraint("registry_entries_direction", inList("direction", DIRECTIONS))
    .addCheckConstraint("registry_entries_seq", sql`seq >= 1`)
    .execute();
  await db.schema
    .createIndex("registry_entries_document")
    .on("registry_entries")
    .column("document_id")
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["registry_entries", "document_versions", "documents"]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
