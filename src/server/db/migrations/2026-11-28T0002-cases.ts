import { type Kysely, sql } from "kysely";

/**
 * Cases (certification now, joining later: one table, one action mechanism, a process column), registration
 * number counters, board meetings, certifications, and the participants index used by task lists.
 * Frozen once landed.
 */

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

const CASE_KINDS = [
  "newRegion",
  "newProvider",
  "newProgramme",
  "newSpecialisation",
  "recertification",
  "decertification",
  "joining",
];
const CASE_STATES = [
  "anchoring",
  "steeringGroup",
  "interest",
  "feedback",
  "drafting",
  "submitted",
  "preparation",
  "visit",
  "protocol",
  "response",
  "decisionPrep",
  "decision",
  "ceremony",
  "closed",
  "rejected",
  "withdrawn",
  "open",
  "completed",
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("registration_counters")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("last", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("board_meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("planned"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint("board_meetings_kind", inList("kind", ["ordinary", "extra"]))
    .addCheckConstraint("board_meetings_status", inList("status", ["planned", "held", "cancelled"]))
    .execute();
  await db.schema.createIndex("board_meetings_date").on("board_meetings").column("date").execute();

  await db.schema
    .createTable("cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("registration_number", "text", (c) => c.notNull().unique())
    .addColumn("reg_year", "integer", (c) => c.notNull())
    .addColumn("reg_seq", "integer", (c) => c.notNull())
    .addColumn("process", "text", (c) => c.notNull())
    .addColumn("process_version", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("local_college_id", "text", (c) => c.references("local_colleges.id"))
    .addColumn("provider_id", "text", (c) => c.references("education_providers.id"))
    .addColumn("programme_id", "text", (c) => c.references("programmes.id"))
    .addColumn("specialisation_id", "text", (c) => c.references("specialisations.id"))
    .addColumn("municipality_code", "text", (c) => c.references("municipalities.code"))
    .addColumn("certification_id", "text")
    .addColumn("linked_case_id", "text")
    .addColumn("criteria_set_id", "text", (c) => c.references("criteria_sets.id"))
    .addColumn("board_meeting_id", "text", (c) => c.references("board_meetings.id"))
    .addColumn("record", "text", (c) => c.notNull())
    .addColumn("next_due_date", "text")
    .addColumn("next_deadline", "text")
    // The roles that must act next, as "|role|role|": task lists filter on it without replaying the process.
    .addColumn("awaiting_roles", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("state_since", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("cases_reg", ["reg_year", "reg_seq"])
    .addCheckConstraint("cases_process", inList("process", ["certification", "joining"]))
    .addCheckConstraint("cases_kind", inList("kind", CASE_KINDS))
    .addCheckConstraint("cases_state", inList("state", CASE_STATES))
    .execute();
  await db.schema.createIndex("cases_state").on("cases").columns(["state", "updated_at"]).execute();
  await db.schema.createIndex("cases_region").on("cases").columns(["region_id", "state"]).execute();
  await db.schema.createIndex("cases_due").on("cases").column("next_due_date").execute();
  await db.schema.createIndex("cases_meeting").on("cases").column("board_meeting_id").execute();

  // Who takes part in a case beyond its region's scope (assigned reviewers), for task lists and scope checks.
  await db.schema
    .createTable("case_participants")
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_participants_pk", ["case_id", "user_id", "role"])
    .execute();
  await db.schema.createIndex("case_participants_user").on("case_participants").column("user_id").execute();

  await db.schema
    .createTable("certifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("subject_kind", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("subject_name", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("ended_by_case_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addCheckConstraint(
      "certifications_subject",
      inList("subject_kind", ["region", "provider", "programme", "specialisation"]),
    )
    .addCheckConstraint(
      "certifications_status",
      inList("status", ["certified", "postponed", "decertified", "expired", "superseded"]),
    )
    .execute();
  await db.schema.createIndex("certifications_region").on("certifications").column("region_id").execute();
  await db.schema.createIndex("certifications_valid_to").on("certifications").column("valid_to").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "certifications",
    "case_participants",
    "cases",
    "board_meetings",
    "registration_counters",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
