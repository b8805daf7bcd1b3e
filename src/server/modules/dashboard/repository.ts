import { sql } from "kysely";
import { addCalendarDays, addCalendarMonths } from "../../../domain/certification/deadlines";
import {
  type CaseState,
  CERTIFICATION_STEPS,
  STATE_LABELS,
  STEP_LABELS,
  stepNumber,
} from "../../../domain/certification/steps";
import type { Executor } from "../../db/connect";
import { isPostgres } from "../../db/dialect";
import type { Dashboard } from "./schemas";
import { stepDurations } from "./step-durations";

/** Months before the end of a certification at which the dashboard lists it (DOMAIN.md: 6). */
export const EXPIRING_WITHIN_MONTHS = 6;
/** "Due soon": a deadline within this many days. */
export const DUE_SOON_DAYS = 14;
const LIST_LIMIT = 25;

function caseRefs(
  rows: {
    id: string;
    registration_number: string;
    title: string;
    region_id: string;
    region_name: string;
    state: string;
    next_due_date: string | null;
    next_deadline: string | null;
  }[],
): Dashboard["overdue"] {
  return rows.map((r) => ({
    id: r.id,
    registrationNumber: r.registration_number,
    title: r.title,
    region: { id: r.region_id, name: r.region_name },
    state: r.state,
    stateLabel: STATE_LABELS[r.state as CaseState] ?? { sv: r.state, en: r.state },
    stepNumber: stepNumber(r.state as CaseState),
    dueDate: r.next_due_date as string,
    deadline: r.next_deadline,
  }));
}

/** A text field of an object in the case record (`record.visitPlan.plannedDate`), read in SQL. */
function recordText(db: Executor, object: string, field: string) {
  return isPostgres(db)
    ? sql<string | null>`(cases.record::json -> ${object} ->> ${field})`
    : sql<string | null>`json_extract(cases.record, ${`$.${object}.${field}`})`;
}

/** A case as the dashboard's lists name it: number, title and region. */
function listedCases(db: Executor) {
  return db
    .selectFrom("cases")
    .innerJoin("regions", "regions.id", "cases.region_id")
    .select([
      "cases.id",
      "cases.registration_number",
      "cases.title",
      "cases.region_id",
      "regions.name as region_name",
    ]);
}

/**
 * The coming review visits in date order, read from the planned-visit index (`cases.visit_date`, set only while a
 * case is at the visit step); the place is read from the record of the few rows listed.
 */
export function comingVisits(db: Executor, today: string) {
  return listedCases(db)
    .select(["cases.visit_date as planned_date", recordText(db, "visitPlan", "place").as("place")])
    .where("cases.visit_date", ">=", today)
    .orderBy("cases.visit_date")
    .orderBy("cases.id")
    .limit(LIST_LIMIT);
}

/**
 * The secretariat's overview. Open cases per step and the time per step come from the statistics the
 * transitions keep (modules/cases/statistics.ts); deadline counts and lists read the index of open cases'
 * due dates; lists are bounded; coming visits are read from the planned-visit index.
 */
export async function loadDashboard(db: Executor, today: string): Promise<Dashboard> {
  const soon = addCalendarDays(today, DUE_SOON_DAYS);
  const expiringLimit = addCalendarMonths(today, EXPIRING_WITHIN_MONTHS);
  const openCases = () =>
    listedCases(db)
      .select(["cases.state", "cases.next_due_date", "cases.next_deadline"])
      .where("cases.closed_at", "is", null);
  const countOpenCases = () =>
    db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("closed_at", "is", null);

  const [byState, overdueCount, dueSoonCount, overdue, dueSoon, visitRows, meetings, durations, expiring] =
    await Promise.all([
      db.selectFrom("case_state_counts").select(["process", "state", "n"]).where("n", ">", 0).execute(),
      countOpenCases().where("next_due_date", "<", today).executeTakeFirst(),
      countOpenCases()
        .where("next_due_date", ">=", today)
        .where("next_due_date", "<=", soon)
        .executeTakeFirst(),
      openCases()
        .where("cases.next_due_date", "<", today)
        .orderBy("cases.next_due_date")
        .limit(LIST_LIMIT)
        .execute(),
      openCases()
        .where("cases.next_due_date", ">=", today)
        .where("cases.next_due_date", "<=", soon)
        .orderBy("cases.next_due_date")
        .limit(LIST_LIMIT)
        .execute(),
      comingVisits(db, today).execute(),
      // The next meetings in date order, each with its agenda counted from the meeting index alone (a join and
      // a group over every case on every coming agenda read a case row per agenda item: 40–380 ms at 1,000,000).
      db
        .selectFrom("board_meetings")
        .select([
          "board_meetings.id",
          "board_meetings.date",
          "board_meetings.kind",
          "board_meetings.title",
          "board_meetings.location",
        ])
        .select((eb) =>
          eb
            .selectFrom("cases")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("cases.board_meeting_id", "=", "board_meetings.id")
            .as("agenda_count"),
        )
        .where("board_meetings.date", ">=", today)
        .where("board_meetings.status", "=", "planned")
        .orderBy("board_meetings.date")
        .orderBy("board_meetings.id")
        .limit(6)
        .execute(),
      stepDurations(db, today),
      db
        .selectFrom("certifications")
        .innerJoin("regions", "regions.id", "certifications.region_id")
        .leftJoin("cases as recert", (join) =>
          join
            .onRef("recert.certification_id", "=", "certifications.id")
            .on("recert.kind", "=", "recertification")
            .on("recert.closed_at", "is", null),
        )
        .select([
          "certifications.id",
          "certifications.region_id",
          "regions.name as region_name",
          "certifications.subject_kind",
          "certifications.subject_name",
          "certifications.valid_from",
          "certifications.valid_to",
          "recert.id as recert_id",
        ])
        .where("certifications.status", "=", "certified")
        .where("certifications.valid_to", "<=", expiringLimit)
        .orderBy("certifications.valid_to")
        .limit(100)
        .execute(),
    ]);

  const countOf = (state: string) =>
    Number(byState.find((r) => r.process === "certification" && r.state === state)?.n ?? 0);
  const visits = visitRows.map((r) => ({
    caseId: r.id,
    registrationNumber: r.registration_number,
    title: r.title,
    region: { id: r.region_id, name: r.region_name },
    plannedDate: r.planned_date as string,
    place: r.place ?? "",
  }));

  return {
    today,
    casesByStep: CERTIFICATION_STEPS.map((step, i) => ({
      step,
      number: i + 1,
      label: STEP_LABELS[step],
      count: countOf(step),
    })),
    totals: {
      openCertification: byState
        .filter((r) => r.process === "certification")
        .reduce((sum, r) => sum + Number(r.n), 0),
      openJoining: byState.filter((r) => r.process === "joining").reduce((sum, r) => sum + Number(r.n), 0),
      overdue: Number(overdueCount?.n ?? 0),
      dueSoon: Number(dueSoonCount?.n ?? 0),
    },
    overdue: caseRefs(overdue),
    dueSoon: caseRefs(dueSoon),
    upcomingVisits: visits,
    upcomingMeetings: meetings.map((m) => ({
      id: m.id,
      date: m.date,
      kind: m.kind as "ordinary",
      title: m.title,
      location: m.location,
      agendaCount: Number(m.agenda_count),
    })),
    stepDurations: durations.map((d) => ({ ...d, label: STEP_LABELS[d.step] })),
    expiring: expiring.map((c) => ({
      id: c.id,
      regionId: c.region_id,
      regionName: c.region_name,
      subjectKind: c.subject_kind,
      subjectName: c.subject_name,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      recertificationCaseId: c.recert_id,
      canRecertify: c.recert_id === null,
    })),
  };
}

/** Active users of the given roles, by name (no e-mail or other personal data beyond the name). */
export async function activeUsers(db: Executor, roles: ("reviewer" | "secretariat")[]) {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "role"])
    .where("status", "=", "active")
    .where("role", "in", roles)
    .orderBy("name")
    .execute();
  return rows.map((u) => ({ id: u.id, name: u.name, role: u.role as "reviewer" | "secretariat" }));
}

/** Active education providers that belong to no region (organisations only). */
export async function unassignedProviders(db: Executor) {
  const rows = await db
    .selectFrom("education_providers")
    .select(["id", "name", "kind", "municipality_code"])
    .where("region_id", "is", null)
    .where("status", "=", "active")
    .orderBy("name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as "public" | "private",
    municipalityCode: r.municipality_code,
  }));
}
