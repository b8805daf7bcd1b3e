import { type SelectQueryBuilder, sql } from "kysely";
import type { Principal } from "../../../domain/access";
import { caseKindLabel, caseStateLabel } from "../../../domain/case-labels";
import { caseTimeline } from "../../../domain/case-timeline";
import { daysUntil, isOverdue, stockholmDate } from "../../../domain/certification/deadlines";
import type { CaseFacts } from "../../../domain/certification/machine";
import { normalizeCaseRecord } from "../../../domain/certification/record";
import { type CaseState, stepNumber } from "../../../domain/certification/steps";
import { type JoiningRecord, joiningChecklist } from "../../../domain/joining/machine";
import type * as dto from "../../../shared/dto";
import type { Executor } from "../../db/connect";
import { type Prepared, prepared } from "../../db/prepared";
import type { Database, Row } from "../../db/schema";
import { errors } from "../../http/errors";
import { caseDocuments } from "../documents/repository";
import { actorFactsOf, scopeOf } from "./facts";
import { joiningFactsOf, processOf } from "./processes";

const stateLabelOf = caseStateLabel;

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
    kind: row.next_deadline as dto.CaseDeadline["kind"],
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
    kindLabel: caseKindLabel(row.kind),
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

/**
 * Lists and task queries: every column but the record (which can be large), unless the case's enabled actions
 * have not been derived yet (then the record is needed to derive them).
 */
export function baseQuery(db: Executor) {
  return db
    .selectFrom("cases")
    .innerJoin("regions", "regions.id", "cases.region_id")
    .select([
      "cases.id",
      "cases.registration_number",
      "cases.reg_year",
      "cases.reg_seq",
      "cases.process",
      "cases.process_version",
      "cases.kind",
      "cases.state",
      "cases.title",
      "cases.region_id",
      "cases.local_college_id",
      "cases.provider_id",
      "cases.programme_id",
      "cases.specialisation_id",
      "cases.municipality_code",
      "cases.certification_id",
      "cases.linked_case_id",
      "cases.criteria_set_id",
      "cases.board_meeting_id",
      "cases.next_due_date",
      "cases.next_deadline",
      "cases.visit_date",
      "cases.awaiting_roles",
      "cases.enabled_actions",
      "cases.created_by",
      "cases.created_at",
      "cases.updated_at",
      "cases.state_since",
      "cases.closed_at",
      "cases.version",
      "regions.name as region_name",
    ])
    .select(
      sql<string>`case when cases.enabled_actions is null then cases.record else '{}' end`.as("record"),
    );
}

/** The case page's row: the case with the names and meeting it refers to, in one query. */
function detailQuery(db: Executor) {
  return db
    .selectFrom("cases")
    .innerJoin("regions", "regions.id", "cases.region_id")
    .leftJoin("local_colleges as lc", "lc.id", "cases.local_college_id")
    .leftJoin("education_providers as ep", "ep.id", "cases.provider_id")
    .leftJoin("programmes as pr", "pr.id", "cases.programme_id")
    .leftJoin("specialisations as sp", "sp.id", "cases.specialisation_id")
    .leftJoin("board_meetings as bm", "bm.id", "cases.board_meeting_id")
    .leftJoin("cases as linked", "linked.id", "cases.linked_case_id")
    .selectAll("cases")
    .select([
      "regions.name as region_name",
      "lc.name as lc_name",
      "ep.name as ep_name",
      "pr.name as pr_name",
      "sp.name as sp_name",
      "bm.id as bm_id",
      "bm.date as bm_date",
      "bm.kind as bm_kind",
      "bm.title as bm_title",
      "bm.location as bm_location",
      "bm.status as bm_status",
      "bm.version as bm_version",
      "linked.registration_number as linked_number",
      "linked.title as linked_title",
    ]);
}

export type CaseDetailRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof detailQuery>["executeTakeFirst"]>>
>;

/** The case as its page shows it, when the principal may see it (undefined otherwise: answer 404). */
export async function findCaseForPrincipal(
  db: Executor,
  p: Principal,
  id: string,
): Promise<CaseDetailRow | undefined> {
  return perRole(caseDetailQueries, p.role, (ph) =>
    prepared<ScopeArgs & { id: string }, CaseDetailRow, Database>((db, a) =>
      scoped(detailQuery(db).where("cases.id", "=", a.id), ph(a)),
    ),
  ).first(db, { ...scopeArgs(p), id });
}

/** A region's id and name, when the principal may see what the route shows of it (`sees`); else 404 region.not_found. */
export async function regionSeenBy(
  db: Executor,
  p: Principal,
  id: string,
  sees: (p: Principal, regionId: string) => boolean,
): Promise<{ id: string; name: string }> {
  const region = await db
    .selectFrom("regions")
    .select(["id", "name"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!region || !sees(p, region.id)) throw errors.notFound("region");
  return region;
}

/** What `scoped` reads of the principal, as values of a prepared query (one query per role). */
type ScopeArgs = { userId: string; regionId: string; localCollegeId: string };

function scopeArgs(p: Principal): ScopeArgs {
  return { userId: p.id, regionId: p.regionId ?? "", localCollegeId: p.localCollegeId ?? "" };
}

function perRole<Q>(
  cache: Map<string, Q>,
  role: Principal["role"],
  make: (ph: (a: ScopeArgs) => Principal) => Q,
): Q {
  let q = cache.get(role);
  if (!q) {
    q = make((a) => ({ id: a.userId, role, regionId: a.regionId, localCollegeId: a.localCollegeId }));
    cache.set(role, q);
  }
  return q;
}

const caseDetailQueries = new Map<string, Prepared<ScopeArgs & { id: string }, CaseDetailRow>>();

/**
 * How far "my tasks" counts: the total and the overdue count read at most this many tasks (and say `totalCapped`
 * when there are more), so an answer costs the same for a caller with ten tasks or ten thousand.
 */
export const TASK_COUNT_CAP = 1000;

/** What a task page's queries take besides the caller: the page's window, today, and how far to count. */
type TaskPageArgs = { limit: number; offset: number };
type TaskCountArgs = { today: string; countLimit: number };
type TaskCounts = { total: number | string; overdue: number | string };

const taskQueries = new Map<string, Prepared<ScopeArgs & TaskPageArgs & { awaiting: string }, CaseRow>>();
const taskCountQueries = new Map<
  string,
  Prepared<ScopeArgs & TaskCountArgs & { awaiting: string }, TaskCounts>
>();

/**
 * A reviewer's page of open tasks, in the list's order (overdue first: their due dates are the earliest; then by
 * due date, tasks without one last; then the longest in their step; then by case), read in that order from the
 * assignment's task index (kept by every transition; migrations 0006 and 0007, which made `task_due` a sort key
 * that is never NULL and put the case id last): no sort, and the page costs the same however many tasks there are.
 */
export const reviewerTaskPage = prepared<{ userId: string } & TaskPageArgs, CaseRow, Database>((db, a) =>
  baseQuery(db)
    .innerJoin("case_participants as cp", "cp.case_id", "cases.id")
    .where("cp.user_id", "=", a.userId)
    .where("cp.role", "=", "reviewer")
    .where("cp.task_open", "=", 1)
    .orderBy("cp.task_due")
    .orderBy("cp.task_since")
    .orderBy("cp.case_id")
    .limit(a.limit)
    .offset(a.offset),
);

/** One row: how many rows `open` and `overdue` each have, counted up to `countLimit` (a task list's counts). */
function cappedCounts(
  db: Executor,
  // biome-ignore lint/suspicious/noExplicitAny: any selection of one column over any tables
  open: SelectQueryBuilder<Database, any, { one: number }>,
  // biome-ignore lint/suspicious/noExplicitAny: as open
  overdue: SelectQueryBuilder<Database, any, { one: number }>,
  countLimit: number,
) {
  return db.selectNoFrom((eb) => [
    eb.selectFrom(open.limit(countLimit).as("t")).select(eb.fn.countAll<number>().as("n")).as("total"),
    eb.selectFrom(overdue.limit(countLimit).as("t")).select(eb.fn.countAll<number>().as("n")).as("overdue"),
  ]);
}

/** A reviewer's open and overdue tasks, each counted up to `countLimit` from the task index alone. */
export const reviewerTaskCounts = prepared<{ userId: string } & TaskCountArgs, TaskCounts, Database>(
  (db, a) => {
    const open = () =>
      db
        .selectFrom("case_participants")
        .select(sql<number>`1`.as("one"))
        .where("user_id", "=", a.userId)
        .where("role", "=", "reviewer")
        .where("task_open", "=", 1);
    return cappedCounts(db, open(), open().where("task_due", "<", a.today), a.countLimit);
  },
);

/** `cases` restricted to the principal's scope, for counts (which need no region name: `scoped` reads `cases` only). */
function scopedCases(db: Executor, p: Principal) {
  return scoped(
    db.selectFrom("cases") as unknown as SelectQueryBuilder<Database, "cases" | "regions", object>,
    p,
  );
}

const reviewersOfCase = prepared<{ caseId: string }, { id: string; name: string }, Database>((db, a) =>
  db
    .selectFrom("case_participants")
    .innerJoin("users", "users.id", "case_participants.user_id")
    .select(["users.id", "users.name"])
    .where("case_participants.case_id", "=", a.caseId)
    .where("case_participants.role", "=", "reviewer")
    .orderBy("users.name"),
);

type CriteriaSetDto = NonNullable<dto.CaseDetail["criteriaSet"]>;

/**
 * A criteria set's name, version and criteria never change once created (only its status does), so each
 * process keeps the sets it has shown.
 */
const criteriaSets = new Map<string, CriteriaSetDto>();

async function criteriaSetOf(db: Executor, id: string | null): Promise<CriteriaSetDto | null> {
  if (!id) return null;
  const cached = criteriaSets.get(id);
  if (cached) return cached;
  const set = await db.selectFrom("criteria_sets").selectAll().where("id", "=", id).executeTakeFirst();
  if (!set) return null;
  const criteria = await db
    .selectFrom("criteria")
    .selectAll()
    .where("criteria_set_id", "=", set.id)
    .orderBy("number")
    .execute();
  const value: CriteriaSetDto = {
    id: set.id,
    version: set.version,
    name: set.name,
    criteria: criteria.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      description: c.description,
    })),
  };
  if (criteriaSets.size >= 100) criteriaSets.clear();
  criteriaSets.set(id, value);
  return value;
}

const named = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

export async function presentCase(
  db: Executor,
  p: Principal,
  row: CaseDetailRow,
  now: Date,
): Promise<dto.CaseDetail> {
  const reviewers = await reviewersOfCase.all(db, { caseId: row.id });
  const isJoining = row.process === "joining";
  const record = isJoining ? joiningFactsOf(row).record : normalizeCaseRecord(JSON.parse(row.record));
  const actor = actorFactsOf(
    p,
    scopeOf(
      row,
      reviewers.map((r) => r.id),
    ),
  );
  const actions = await processOf(row).available(db, row, actor);
  return {
    ...presentSummary(row, now),
    processVersion: row.process_version,
    localCollege: named(row.local_college_id, row.lc_name),
    provider: named(row.provider_id, row.ep_name),
    programme: named(row.programme_id, row.pr_name),
    specialisation: named(row.specialisation_id, row.sp_name),
    certificationId: row.certification_id,
    linkedCaseId: row.linked_case_id,
    criteriaSet: await criteriaSetOf(db, row.criteria_set_id),
    boardMeeting:
      row.bm_id !== null
        ? {
            id: row.bm_id,
            date: row.bm_date as string,
            kind: row.bm_kind as "ordinary",
            title: row.bm_title as string,
            location: row.bm_location as string,
            status: row.bm_status as "planned",
            version: row.bm_version as number,
          }
        : null,
    reviewers,
    record,
    steps: isJoining ? [] : caseTimeline(row.state as CaseState, record as CaseFacts["record"]),
    checklist: isJoining ? joiningChecklist(record as JoiningRecord) : null,
    linkedCase:
      row.linked_case_id && row.linked_number !== null
        ? { id: row.linked_case_id, registrationNumber: row.linked_number, title: row.linked_title as string }
        : null,
    documents: await caseDocuments(db, row.id),
    actions,
    version: row.version,
  };
}

/** A board meeting by id (the query, to be run with `executeTakeFirst` or `executeTakeFirstOrThrow`). */
export function meetingById(db: Executor, id: string) {
  return db.selectFrom("board_meetings").selectAll().where("id", "=", id);
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
 * A page of the caller's open tasks: cases in scope waiting for the caller's role (stored as awaiting_roles at every
 * transition), with the actions the caller may take; overdue first, then by due date (tasks without one last),
 * then the longest in their step first, then by case id. The order is the SQL's, the same on both engines.
 * `total` and `overdue` count the caller's tasks up to `countCap` (TASK_COUNT_CAP): beyond it `totalCapped` says
 * so, and the answer costs no more however many tasks there are. A row whose actions narrow to none for this
 * caller is left out of its page (the counts still include it).
 */
export async function tasksFor(
  db: Executor,
  p: Principal,
  now: Date,
  q: { page: number; pageSize: number },
  { countCap = TASK_COUNT_CAP }: { countCap?: number } = {},
): Promise<dto.TaskPage> {
  const today = stockholmDate(now);
  const window = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  // One more than the cap, to know whether there are more.
  const counting = { today, countLimit: countCap + 1 };
  let rows: CaseRow[];
  let counts: TaskCounts | undefined;
  if (p.role === "reviewer") {
    rows = await reviewerTaskPage.all(db, { userId: p.id, ...window });
    counts = await reviewerTaskCounts.first(db, { userId: p.id, ...counting });
  } else {
    const args = { ...scopeArgs(p), awaiting: `%|${p.role}|%` };
    rows = await perRole(taskQueries, p.role, (ph) =>
      prepared<ScopeArgs & TaskPageArgs & { awaiting: string }, CaseRow, Database>((db, a) =>
        scoped(baseQuery(db), ph(a))
          .where("cases.closed_at", "is", null)
          .where("cases.awaiting_roles", "like", a.awaiting)
          // Explicit about cases without a due date (SQLite sorts NULLs first, PostgreSQL last): last on both.
          .orderBy(sql`cases.next_due_date is null`)
          .orderBy("cases.next_due_date")
          .orderBy("cases.state_since")
          .orderBy("cases.id")
          .limit(a.limit)
          .offset(a.offset),
      ),
    ).all(db, { ...args, ...window });
    counts = await perRole(taskCountQueries, p.role, (ph) =>
      prepared<ScopeArgs & TaskCountArgs & { awaiting: string }, TaskCounts, Database>((db, a) => {
        const open = () =>
          scopedCases(db, ph(a))
            .select(sql<number>`1`.as("one"))
            .where("cases.closed_at", "is", null)
            .where("cases.awaiting_roles", "like", a.awaiting);
        return cappedCounts(db, open(), open().where("cases.next_due_date", "<", a.today), a.countLimit);
      }),
    ).first(db, { ...args, ...counting });
  }
  const items: dto.Task[] = [];
  for (const row of rows) {
    const actor = actorFactsOf(p, scopeOf(row, p.role === "reviewer" ? [p.id] : []));
    const actions = await processOf(row).available(db, row, actor);
    if (actions.length === 0) continue;
    items.push({
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
  const total = Number(counts?.total ?? 0);
  return {
    items,
    total: Math.min(total, countCap),
    overdue: Math.min(Number(counts?.overdue ?? 0), countCap),
    page: q.page,
    pageSize: q.pageSize,
    totalCapped: total > countCap,
  };
}
