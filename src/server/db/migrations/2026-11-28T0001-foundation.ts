import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect";

/**
 * Foundation schema: registry, users, sessions, the append-only event log and settings.
 * Frozen once landed: change the schema with a new migration file.
 *
 * Conventions shared by both engines: ids are text (UUID), timestamps are ISO-8601 UTC text, dates are
 * `YYYY-MM-DD` text, booleans are integers 0/1, JSON is text.
 */

const REGISTRY_STATUSES = ["active", "archived"] as const;
const ROLES = ["secretariat", "reviewer", "board", "regionLead", "localLead", "admin"] as const;

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("counties")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("municipalities")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull().references("counties.code"))
    .execute();

  await db.schema
    .createTable("regions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("website", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("regions_status", inList("status", REGISTRY_STATUSES))
    .execute();
  await db.schema.createIndex("regions_name").on("regions").column("name").unique().execute();

  await db.schema
    .createTable("local_colleges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("local_colleges_status", inList("status", REGISTRY_STATUSES))
    .execute();
  await db.schema.createIndex("local_colleges_region").on("local_colleges").column("region_id").execute();

  await db.schema
    .createTable("region_municipalities")
    .addColumn("municipality_code", "text", (c) => c.primaryKey().references("municipalities.code"))
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("local_college_id", "text", (c) => c.references("local_colleges.id"))
    .addColumn("joined_on", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("region_municipalities_region")
    .on("region_municipalities")
    .column("region_id")
    .execute();

  await db.schema
    .createTable("education_providers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("public"))
    .addColumn("org_number", "text")
    .addColumn("municipality_code", "text", (c) => c.references("municipalities.code"))
    .addColumn("region_id", "text", (c) => c.references("regions.id"))
    .addColumn("local_college_id", "text", (c) => c.references("local_colleges.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("providers_kind", inList("kind", ["public", "private"]))
    .addCheckConstraint("providers_status", inList("status", REGISTRY_STATUSES))
    .execute();
  await db.schema.createIndex("providers_region").on("education_providers").column("region_id").execute();

  await db.schema
    .createTable("programmes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider_id", "text", (c) => c.notNull().references("education_providers.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("code", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("programmes_status", inList("status", REGISTRY_STATUSES))
    .execute();
  await db.schema.createIndex("programmes_provider").on("programmes").column("provider_id").execute();

  await db.schema
    .createTable("specialisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("programmes.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("specialisations_status", inList("status", REGISTRY_STATUSES))
    .execute();
  await db.schema
    .createIndex("specialisations_programme")
    .on("specialisations")
    .column("programme_id")
    .execute();

  await db.schema
    .createTable("companies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("org_number", "text")
    .addColumn("municipality_code", "text", (c) => c.references("municipalities.code"))
    .addColumn("region_id", "text", (c) => c.references("regions.id"))
    .addColumn("local_college_id", "text", (c) => c.references("local_colleges.id"))
    .addColumn("letter_of_intent_on", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("companies_status", inList("status", REGISTRY_STATUSES))
    .execute();
  await db.schema.createIndex("companies_region").on("companies").column("region_id").execute();

  await db.schema
    .createTable("steering_groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("local_college_id", "text", (c) => c.references("local_colleges.id"))
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("steering_groups_level", inList("level", ["regional", "local"]))
    .addCheckConstraint("steering_groups_status", inList("status", REGISTRY_STATUSES))
    .execute();
  await db.schema.createIndex("steering_groups_region").on("steering_groups").column("region_id").execute();

  await db.schema
    .createTable("steering_group_members")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("steering_group_id", "text", (c) => c.notNull().references("steering_groups.id"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("title", "text")
    .addColumn("represents_kind", "text", (c) => c.notNull())
    .addColumn("represents_id", "text")
    .addColumn("represents_name", "text", (c) => c.notNull())
    .addColumn("is_chair", "integer", (c) => c.notNull().defaultTo(0))
    .addCheckConstraint(
      "members_kind",
      inList("represents_kind", ["company", "municipality", "provider", "other"]),
    )
    .addCheckConstraint("members_chair", sql`is_chair in (0, 1)`)
    .execute();
  await db.schema
    .createIndex("members_group")
    .on("steering_group_members")
    .column("steering_group_id")
    .execute();

  await db.schema
    .createTable("cooperation_agreements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text")
    .addColumn("signed_on", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("agreements_status", inList("status", REGISTRY_STATUSES))
    .execute();
  await db.schema.createIndex("agreements_region").on("cooperation_agreements").column("region_id").execute();

  await db.schema
    .createTable("agreement_addenda")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("cooperation_agreements.id"))
    .addColumn("party_kind", "text", (c) => c.notNull())
    .addColumn("party_id", "text", (c) => c.notNull())
    .addColumn("party_name", "text", (c) => c.notNull())
    .addColumn("signed_on", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("addenda_kind", inList("party_kind", ["municipality", "provider", "company"]))
    .execute();
  await db.schema.createIndex("addenda_agreement").on("agreement_addenda").column("agreement_id").execute();

  await db.schema
    .createTable("criteria_sets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("criteria_sets_status", inList("status", ["draft", "active", "retired"]))
    .execute();

  await db.schema
    .createTable("criteria")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("criteria_set_id", "text", (c) => c.notNull().references("criteria_sets.id"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addUniqueConstraint("criteria_set_number", ["criteria_set_id", "number"])
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.references("regions.id"))
    .addColumn("local_college_id", "text", (c) => c.references("local_colleges.id"))
    .addColumn("language", "text", (c) => c.notNull().defaultTo("sv"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("last_login_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("users_role", inList("role", ROLES))
    .addCheckConstraint("users_language", inList("language", ["sv", "en"]))
    .addCheckConstraint("users_status", inList("status", ["active", "disabled"]))
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  // The append-only event log: one hash-chained stream per entity (a case, a region, a user...).
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("stream_type", "text", (c) => c.notNull())
    .addColumn("stream_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_role", "text")
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("process_version", "integer")
    .addColumn("prev_hash", "text")
    .addColumn("hash", "text", (c) => c.notNull())
    .addUniqueConstraint("events_stream_seq", ["stream_type", "stream_id", "seq"])
    .execute();
  await db.schema.createIndex("events_occurred").on("events").column("occurred_at").execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // Nothing in the log is edited or deleted in place: the database itself refuses it.
  if (isPostgres(db)) {
    await sql`create or replace function spelplan_append_only() returns trigger language plpgsql as $$
      begin raise exception 'events are append-only'; end; $$`.execute(db);
    await sql`create trigger events_no_update before update or delete on events
      for each row execute function spelplan_append_only()`.execute(db);
  } else {
    await sql`create trigger events_no_update before update on events
      begin select raise(abort, 'events are append-only'); end`.execute(db);
    await sql`create trigger events_no_delete before delete on events
      begin select raise(abort, 'events are append-only'); end`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "settings",
    "events",
    "sessions",
    "users",
    "criteria",
    "criteria_sets",
    "agreement_addenda",
    "cooperation_agreements",
    "steering_group_members",
    "steering_groups",
    "companies",
    "specialisations",
    "programmes",
    "education_providers",
    "region_municipalities",
    "local_colleges",
    "regions",
    "municipalities",
    "counties",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  if (isPostgres(db)) await sql`drop function if exists spelplan_append_only()`.execute(db);
}
