/**
 * The case list (GET /api/cases, the exports): its filters, its page in the order an index holds, and its total
 * (from the counters where they hold it, `countedByStatistics`). Apart from repository.ts, which presents one case.
 */
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Principal } from "../../../domain/access";
import { stockholmDate } from "../../../domain/certification/deadlines";
import { CERTIFICATION_STEPS } from "../../../domain/certification/steps";
import type { JoiningState } from "../../../domain/joining/items";
import type * as dto from "../../../shared/dto";
import type { Executor } from "../../db/connect";
import type { Database } from "../../db/schema";
import { baseQuery, presentSummary, scoped } from "./repository";
import type { ListCasesQuery } from "./schemas";
import { openCaseCount } from "./statistics";

/** Steps no case is closed in (closed_at is set exactly when a case reaches a final state). */
const NEVER_CLOSED_STATES = new Set<string>([...CERTIFICATION_STEPS, "open" satisfies JoiningState]);

/**
 * Which open-cases counter (case_state_counts, kept in every transition's transaction) is the list's total, if
 * one is: for the whole country's cases with no filter but the step and whether the case is open, a step's counter
 * when every case listed is open (a step no case is closed in, or `open`), the sum of all counters for every open
 * case. Those are the secretariat's most common lists (its default is the open cases), and counting their rows
 * grows with the country (19,000 in one step at 1,000,000 cases, several hundred thousand open).
 */
function countedByStatistics(p: Principal, q: ListCasesQuery): { step: string | undefined } | null {
  if (p.role !== "secretariat" || q.kind || q.regionId || q.overdue || q.q) return null;
  if (q.step !== undefined && (q.open || NEVER_CLOSED_STATES.has(q.step))) return { step: q.step };
  return q.step === undefined && q.open ? { step: undefined } : null;
}

/** Before every due date (dates are ISO `YYYY-MM-DD` text). */
const FIRST_DATE = "0001-01-01";

/**
 * The list's filters on the page's query (with the region's name) and on the count, which reads the regions only
 * when the search needs their names: a count over `cases` alone is answered from an index, without the rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: the filters name only `cases` columns, valid on both queries
function listFilter(qb: any, p: Principal, q: ListCasesQuery, now: Date, withRegions: boolean): any {
  let f = scoped(qb, p);
  if (q.step) f = f.where("cases.state", "=", q.step);
  if (q.kind) f = f.where("cases.kind", "=", q.kind);
  if (q.regionId) f = f.where("cases.region_id", "=", q.regionId);
  if (q.open) f = f.where("cases.closed_at", "is", null);
  // Bounded on both sides: SQLite keeps no statistics and takes a one-sided range to hold a quarter of the cases, so
  // it would walk the whole list in its order looking for the overdue ones (stale by nature, so far down); with
  // both bounds it reads them from the due-date index and sorts them (41 against 275 ms at 1,000,000 cases).
  if (q.overdue)
    f = f
      .where("cases.next_due_date", ">=", FIRST_DATE)
      .where("cases.next_due_date", "<", stockholmDate(now));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`).toLowerCase()}%`;
    f = f.where((eb: ExpressionBuilder<Database, "cases" | "regions">) =>
      eb.or([
        eb(eb.fn("lower", ["cases.registration_number"]), "like", like),
        ...(withRegions ? [eb(eb.fn("lower", ["regions.name"]), "like", like)] : []),
        eb(eb.fn("lower", ["cases.title"]), "like", like),
      ]),
    );
  }
  return f;
}

/**
 * A page of the case list, newest change first, then by case id. The common lists' first page is the first rows of
 * an index that ends with this order (migration 0012), not a sort of every matching case. A search is the exception:
 * it reads every case anyway (`LIKE '%…%'`), and walking the list in its order row by row to find the matches cost
 * more than a plain scan that keeps the newest of them, so its order is written as an expression no index holds
 * (at 1,000,000 cases the whole request with no match, one and 84,168: 4.5, 4.6, 5.5 s walking; 1.5, 3.0, 3.9 s so).
 */
export function caseListPage(db: Executor, p: Principal, q: ListCasesQuery, now: Date) {
  return (listFilter(baseQuery(db), p, q, now, true) as ReturnType<typeof baseQuery>)
    .orderBy(q.q ? sql`cases.updated_at || ''` : sql.ref("cases.updated_at"), "desc")
    .orderBy("cases.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
}

/** The number of cases in the list when no counter holds it (`countedByStatistics`). */
export function caseListCount(db: Executor, p: Principal, q: ListCasesQuery, now: Date) {
  return (
    listFilter(
      q.q
        ? db.selectFrom("cases").innerJoin("regions", "regions.id", "cases.region_id")
        : db.selectFrom("cases"),
      p,
      q,
      now,
      Boolean(q.q),
    ) as SelectQueryBuilder<Database, "cases", object>
  ).select((eb) => eb.fn.countAll<number>().as("n"));
}

export async function listCases(
  db: Executor,
  p: Principal,
  q: ListCasesQuery,
  now: Date,
): Promise<dto.Page<dto.CaseSummary>> {
  const counter = countedByStatistics(p, q);
  const count = counter
    ? await openCaseCount(db, counter.step)
    : Number((await caseListCount(db, p, q, now).executeTakeFirst())?.n ?? 0);
  // Rows counted and none on this page (a search with no match, say): no need to look for them.
  const beyond = !counter && count <= (q.page - 1) * q.pageSize;
  const rows = beyond ? [] : await caseListPage(db, p, q, now).execute();
  return {
    items: rows.map((r) => presentSummary(r, now)),
    total: count,
    page: q.page,
    pageSize: q.pageSize,
  };
}
