import type { SelectQueryBuilder } from "kysely";
import type { Principal } from "../../../domain/access";
import { caseTimeline } from "../../../domain/case-timeline";
import { daysUntil, isOverdue, stockholmDate } from "../../../domain/certification/deadlines";
import {
  CASE_KIND_LABELS,
  type CaseKind,
  type CaseState,
  STATE_LABELS,
  stepNumber,
} from "../../../domain/certification/steps";
import { JOINING_STATE_LABELS, type JoiningState } from "../../../domain/joining/items";
import { type JoiningRecord, joiningChecklist } from "../../../domain/joining/machine";
import type * as dto from "../../../shared/dto";
import type { Executor } from "../../db/connect";
import type { Database, Row } from "../../db/schema";
import { caseDocuments } from "../documents/repository";
import { actorFactsOf, caseFactsOf, criteriaNumbersOf, reviewerIdsOf, scopeOf } from "./facts";
import { joiningFactsOf, processOf } from "./processes";

const JOINING_KIND_LABEL = { sv: "Anslutning", en: "Joining" };

function stateLabelOf(state: string): dto.Label {
  return (
    STATE_LABELS[state as CaseState] ??
    JOINING_STATE_LABELS[state as JoiningState] ?? { sv: state, en: state }
  );
}

import type { ListCasesQuery } from "./schemas";

type CaseRow = Row<"cases"> & { region_name: string };

/** Restricts a query on `cases` to what the principal may see (the SQL twin of seesCase). */
export function scoped<O>(q: SelectQueryBuilder<Database, "cases" | "regions", O>, p: Principal) {
  switch (p.role) {
    case "secretariat":
      return q;
    case "regionLead":
      return q.where("cases.region_id", "=", p.regionId ?? "");
    case "localLead":
      return q
        .where("cases.region_id", "=", p.regionId ?? "")
        .where((eb) =>
          eb.or([
            eb("cases.local_college_id", "is", null),
            eb("cases.local_college_id", "=", p.localCollegeId ?? ""),
          ]),
        );
    case "reviewer":
      return q.where("cases.id", "in", (eb) =>
        eb
          .selectFrom("case_participants")
          .select("case_id")
          .where("user_id", "=", p.id)
          .where("role", "=", "reviewer"),
      );
    case "board":
      return q.where("cases.board_meeting_id", "is not", null);
    default:
      return q.where("cases.id", "=", "");
  }
}

function deadlineOf(row: Row<"cases">, now: Date): dto.CaseDeadline | null {
  if (!row.next_due_date || !row.next_deadline) return null;
  return {
    kind: row.next_deadline as "protocol" | "response",
    dueDate: row.next_due_date,
    overdue: isOverdue(row.next_due_date, now),
    daysLeft: daysUntil(row.next_due_date, now),
  };
}

export function presentSummary(row: CaseRow, now: Date): dto.CaseSummary {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    process: row.process as "certification",
    kind: row.kind,
    kindLabel: CASE_KIND_LABELS[row.kind as CaseKind] ?? JOINING_KIND_LABEL,
    state: row.state,
    stateLabel: stateLabelOf(row.state),
    stepNumber: row.process === "certification" ? stepNumber(row.state as CaseState) : null,
    title: row.title,
    region: { id: row.region_id, name: row.region_name },
    nextDeadline: deadlineOf(row, now),
    awaiting: row.awaiting_roles.split("|").filter(Boolean),
    updatedAt: row.updated_at,
    createdAt: row.created_at,
  };
}

function baseQuery(db: Executor) {
  return db
    .selectFrom("cases")
    .innerJoin("regions", "regions.id", "cases.region_id")
    .selectAll("cases")
    .select("regions.name as region_name");
}

export async function findCaseForPrincipal(
  db: Executor,
  p: Principal,
  id: string,
): Promise<CaseRow | undefined> {
  return scoped(baseQuery(db).where("cases.id", "=", id), p).executeTakeFirst();
}

async function nameOf(
  db: Executor,
  table: "local_colleges" | "education_providers" | "programmes" | "specialisations",
  id: string | null,
) {
  if (!id) return null;
  const r = await db.selectFrom(table).select(["id", "name"]).where("id", "=", id).executeTakeFirst();
  return r ? { id: r.id, name: r.name } : null;
}

export async function presentCase(
  db: Executor,
  p: Principal,
  row: CaseRow,
  now: Date,
): Promise<dto.CaseDetail> {
  const reviewerIds = await reviewerIdsOf(db, row.id);
  const isJoining = row.process === "joining";
  const facts = isJoining ? null : caseFactsOf(row, await criteriaNumbersOf(db, row.criteria_set_id));
  const record = isJoining ? joiningFactsOf(row).record : facts?.record;
  const actions = await processOf(row).available(db, row, actorFactsOf(p, scopeOf(row, reviewerIds)), now);
  const linked = row.linked_case_id
    ? await db
        .selectFrom("cases")
        .select(["id", "registration_number", "title"])
        .where("id", "=", row.linked_case_id)
        .executeTakeFirst()
    : undefined;
  const [localCollege, provider, programme, specialisation] = await Promise.all([
    nameOf(db, "local_colleges", row.local_college_id),
    nameOf(db, "education_providers", row.provider_id),
    nameOf(db, "programmes", row.programme_id),
    nameOf(db, "specialisations", row.specialisation_id),
  ]);
  const set = row.criteria_set_id
    ? await db
        .selectFrom("criteria_sets")
        .selectAll()
        .where("id", "=", row.criteria_set_id)
        .executeTakeFirst()
    : undefined;
  const criteria = set
    ? await db
        .selectFrom("criteria")
        .selectAll()
        .where("criteria_set_id", "=", set.id)
        .orderBy("number")
        .execute()
    : [];
  const meeting = row.board_meeting_id
    ? await db
        .selectFrom("board_meetings")
        .selectAll()
        .where("id", "=", row.board_meeting_id)
        .executeTakeFirst()
    : undefined;
  const reviewers = reviewerIds.length
    ? await db.selectFrom("users").select(["id", "name"]).where("id", "in", reviewerIds).execute()
    : [];
  return {
    ...presentSummary(row, now),
    processVersion: row.process_version,
    localCollege,
    provider,
    programme,
    specialisation,
    certificationId: row.certification_id,
    linkedCaseId: row.linked_case_id,
    criteriaSet: set
      ? {
          id: set.id,
          version: set.version,
          name: set.name,
          criteria: criteria.map((c) => ({
            id: c.id,
            number: c.number,
            title: c.title,
            description: c.description,
          })),
        }
      : null,
    boardMeeting: meeting ? presentMeeting(meeting) : null,
    reviewers,
    record,
    steps: facts ? caseTimeline(row.state as CaseState, facts.record) : [],
    checklist: isJoining ? joiningChecklist(record as JoiningRecord) : null,
    linkedCase: linked
      ? { id: linked.id, registrationNumber: linked.registration_number, title: linked.title }
      : null,
    documents: await caseDocuments(db, row.id),
    actions,
    version: row.version,
  };
}

export function presentMeeting(m: Row<"board_meetings">): dto.BoardMeeting {
  return {
    id: m.id,
    date: m.date,
    kind: m.kind as "ordinary",
    title: m.title,
    location: m.location,
    status: m.status as "planned",
    version: m.version,
  };
}

export async function listCases(
  db: Executor,
  p: Principal,
  q: ListCasesQuery,
  now: Date,
): Promise<dto.Page<dto.CaseSummary>> {
  let query = scoped(baseQuery(db), p);
  if (q.step) query = query.where("cases.state", "=", q.step);
  if (q.kind) query = query.where("cases.kind", "=", q.kind);
  if (q.regionId) query = query.where("cases.region_id", "=", q.regionId);
  if (q.open) query = query.where("cases.closed_at", "is", null);
  if (q.overdue) query = query.where("cases.next_due_date", "<", stockholmDate(now));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`).toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["cases.registration_number"]), "like", like),
        eb(eb.fn("lower", ["regions.name"]), "like", like),
        eb(eb.fn("lower", ["cases.title"]), "like", like),
      ]),
    );
  }
  const total = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  const rows = await query
    .orderBy("cases.updated_at", "desc")
    .orderBy("cases.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => presentSummary(r, now)),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function caseLog(db: Executor, caseId: string): Promise<dto.CaseEvent[]> {
  const rows = await db
    .selectFrom("events")
    .leftJoin("users", "users.id", "events.actor_id")
    .selectAll("events")
    .select("users.name as actor_name")
    .where("events.stream_type", "=", "case")
    .where("events.stream_id", "=", caseId)
    .orderBy("events.seq")
    .execute();
  return rows.map((e) => ({
    seq: e.seq,
    type: e.type,
    occurredAt: e.occurred_at,
    actor: {
      id: e.actor_id,
      name: e.actor_name ?? (e.actor_id === "system" ? "Spelplan" : null),
      role: e.actor_role,
    },
    ip: e.ip,
    userAgent: e.user_agent,
    payload: JSON.parse(e.payload),
    processVersion: e.process_version,
    hash: e.hash,
  }));
}

/**
 * The caller's open tasks: cases in scope waiting for the caller's role (stored as awaiting_roles at every
 * transition), with the actions the caller may take; overdue first, then by due date, then oldest first.
 */
export async function tasksFor(db: Executor, p: Principal, now: Date): Promise<dto.Task[]> {
  const rows = await scoped(baseQuery(db), p)
    .where("cases.closed_at", "is", null)
    .where("cases.awaiting_roles", "like", `%|${p.role}|%`)
    .orderBy("cases.next_due_date")
    .orderBy("cases.state_since")
    .limit(500)
    .execute();
  const today = stockholmDate(now);
  const tasks: dto.Task[] = [];
  for (const row of rows) {
    const actor = actorFactsOf(p, scopeOf(row, p.role === "reviewer" ? [p.id] : []));
    const actions = await processOf(row).available(db, row, actor, now);
    if (actions.length === 0) continue;
    tasks.push({
      caseId: row.id,
      registrationNumber: row.registration_number,
      title: row.title,
      region: { id: row.region_id, name: row.region_name },
      state: row.state,
      stateLabel: stateLabelOf(row.state),
      stepNumber: row.process === "certification" ? stepNumber(row.state as CaseState) : null,
      actions,
      dueDate: row.next_due_date,
      overdue: row.next_due_date !== null && row.next_due_date < today,
    });
  }
  return tasks.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"),
  );
}
