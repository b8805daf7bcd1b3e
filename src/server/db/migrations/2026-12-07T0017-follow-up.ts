import { type Kysely, sql } from "kysely";
import { inList, setCheck } from "../check-constraints";

/**
 * The yearly quality follow-up (process C, `followUp`): the new process, kind and states in the cases' check
 * constraints, the `followUp` deadline in the reminder ledger's; the indicators a criteria set asks for
 * (`criteria_sets.indicators`, JSON; null: the default four); per certification the month its follow-up opens
 * (`follow_up_month`, null: the month of the decision) and whether it is flagged for attention; and `follow_ups`,
 * one row per follow-up case with what the matrix, the dashboard and the recertification history read (kept in
 * the transaction of every follow-up transition). `(certification_id, year)` is unique (once a year), and so is
 * `certification_id` among open ones (one open follow-up at a time), so two processes opening the same follow-up
 * cannot both succeed. Frozen once landed.
 */

const CASE_PROCESSES = ["certification", "joining", "followUp"];
const CASE_KINDS = [
  "newRegion",
  "newProvider",
  "newProgramme",
  "newSpecialisation",
  "recertification",
  "decertification",
  "joining",
  "followUp",
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
  "selfAssessment",
  "review",
  "supplementRequested",
];
const DEADLINE_KINDS = ["protocol", "response", "followUp"];

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
async function setCaseChecks(db: Kysely<any>, drop: (values: string[], added: string[]) => string[]) {
  await setCheck(db, {
    table: "cases",
    name: "cases_process",
    expression: inList("process", drop(CASE_PROCESSES, ["followUp"])),
  });
  await setCheck(db, {
    table: "cases",
    name: "cases_kind",
    expression: inList("kind", drop(CASE_KINDS, ["followUp"])),
  });
  await setCheck(db, {
    table: "cases",
    name: "cases_state",
    expression: inList("state", drop(CASE_STATES, ["selfAssessment", "review", "supplementRequested"])),
  });
  await setCheck(db, {
    table: "reminders_sent",
    name: "reminders_sent_deadline",
    expression: inList("deadline", drop(DEADLINE_KINDS, ["followUp"])),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await setCaseChecks(db, (values) => values);
  await db.schema.alterTable("criteria_sets").addColumn("indicators", "text").execute();
  await db.schema.alterTable("certifications").addColumn("follow_up_month", "integer").execute();
  await db.schema.alterTable("certifications").addColumn("attention_reason", "text").execute();
  await db.schema.alterTable("certifications").addColumn("attention_since", "text").execute();
  await db.schema
    .createTable("follow_ups")
    .addColumn("case_id", "text", (c) => c.primaryKey().references("cases.id"))
    .addColumn("certification_id", "text", (c) => c.notNull().references("certifications.id"))
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("is_open", "integer", (c) => c.notNull())
    .addColumn("due_date", "text")
    .addColumn("at_risk", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("outcome", "text")
    .addColumn("statuses", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("indicators", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("follow_ups_year", ["certification_id", "year"])
    .execute();
  await sql`create unique index follow_ups_one_open on follow_ups (certification_id) where is_open = 1`.execute(
    db,
  );
  await db.schema.createIndex("follow_ups_region").on("follow_ups").columns(["region_id", "year"]).execute();
  await sql`create index follow_ups_open_due on follow_ups (due_date) where is_open = 1`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  const held = await db.selectFrom("cases").select("id").where("process", "=", "followUp").executeTakeFirst();
  if (held) throw new Error("follow-up cases exist: the migration cannot be undone without losing them");
  await db.schema.dropTable("follow_ups").execute();
  for (const column of ["attention_since", "attention_reason", "follow_up_month"]) {
    await db.schema.alterTable("certifications").dropColumn(column).execute();
  }
  await db.schema.alterTable("criteria_sets").dropColumn("indicators").execute();
  await db.deleteFrom("reminders_sent").where("deadline", "=", "followUp").execute();
  await setCaseChecks(db, (values, added) => values.filter((v) => !added.includes(v)));
}
