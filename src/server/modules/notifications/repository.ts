import type { Role } from "../../../domain/certification/permissions";
import type { NotificationKind } from "../../../domain/policies/notifications";
import { OUTBOX_STATUSES } from "../../../shared/outbox";
import type { Executor } from "../../db/connect";
import { prepared } from "../../db/prepared";
import type { Database, Row } from "../../db/schema";
import type { Language } from "./templates";

/** Reading who is told, their choices, and the notification and outbox lists. */

export interface Recipient {
  /** null: an address without an account (a steering-group chair): e-mail only. */
  userId: string | null;
  name: string;
  email: string;
  language: Language;
}

type UserRow = Pick<Row<"users">, "id" | "name" | "email" | "language">;

function toRecipient(u: UserRow): Recipient {
  return { userId: u.id, name: u.name, email: u.email, language: u.language === "en" ? "en" : "sv" };
}

function activeUsers(db: Executor) {
  return db.selectFrom("users").select(["id", "name", "email", "language"]).where("status", "=", "active");
}

const withRole = prepared<{ role: string }, UserRow, Database>((db, a) =>
  activeUsers(db).where("role", "=", a.role).orderBy("email"),
);

export async function usersWithRole(db: Executor, role: Role): Promise<Recipient[]> {
  return (await withRole.all(db, { role })).map(toRecipient);
}

const regionLeads = prepared<{ regionId: string }, UserRow, Database>((db, a) =>
  activeUsers(db).where("role", "=", "regionLead").where("region_id", "=", a.regionId).orderBy("email"),
);

export async function regionLeadsOf(db: Executor, regionId: string): Promise<Recipient[]> {
  return (await regionLeads.all(db, { regionId })).map(toRecipient);
}

/** Local contacts who see the case: of its local college, or of the whole region for a region-wide case. */
export async function localLeadsOf(
  db: Executor,
  regionId: string,
  localCollegeId: string | null,
): Promise<Recipient[]> {
  let q = activeUsers(db).where("role", "=", "localLead").where("region_id", "=", regionId);
  if (localCollegeId) q = q.where("local_college_id", "=", localCollegeId);
  return (await q.orderBy("email").execute()).map(toRecipient);
}

const assignedReviewers = prepared<{ caseId: string }, UserRow, Database>((db, a) =>
  activeUsers(db)
    .where("id", "in", (eb) =>
      eb
        .selectFrom("case_participants")
        .select("user_id")
        .where("case_id", "=", a.caseId)
        .where("role", "=", "reviewer"),
    )
    .orderBy("email"),
);

export async function assignedReviewersOf(db: Executor, caseId: string): Promise<Recipient[]> {
  return (await assignedReviewers.all(db, { caseId })).map(toRecipient);
}

/** Chairs of the region's active steering groups who have an e-mail address (they need no account). */
export async function steeringGroupChairsOf(db: Executor, regionId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom("steering_group_members")
    .innerJoin("steering_groups", "steering_groups.id", "steering_group_members.steering_group_id")
    .select(["steering_group_members.name", "steering_group_members.email"])
    .where("steering_groups.region_id", "=", regionId)
    .where("steering_groups.status", "=", "active")
    .where("steering_group_members.is_chair", "=", 1)
    .where("steering_group_members.email", "is not", null)
    .orderBy("steering_group_members.email")
    .execute();
  return rows
    .filter((r) => (r.email ?? "").includes("@"))
    .map((r) => ({ userId: null, name: r.name, email: (r.email as string).trim(), language: "sv" }));
}

/** The case as notices need it: the row (as changed in the caller's transaction) and its region's name. */
const noticeCase = prepared<{ caseId: string }, Row<"cases"> & { region_name: string }, Database>((db, a) =>
  db
    .selectFrom("cases")
    .innerJoin("regions", "regions.id", "cases.region_id")
    .selectAll("cases")
    .select("regions.name as region_name")
    .where("cases.id", "=", a.caseId),
);

export async function caseForNotice(db: Executor, caseId: string) {
  const row = await noticeCase.first(db, { caseId });
  if (!row) throw new Error(`case ${caseId} not found`);
  return row;
}
export type CaseForNotice = Awaited<ReturnType<typeof caseForNotice>>;

/** Stored e-mail choices of the users for one kind (absent: never chosen). */
export async function emailChoices(
  db: Executor,
  userIds: string[],
  kind: NotificationKind,
): Promise<Map<string, boolean>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("notification_preferences")
    .select(["user_id", "email"])
    .where("kind", "=", kind)
    .where("user_id", "in", userIds)
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.email === 1]));
}

export async function preferencesOf(db: Executor, userId: string): Promise<Map<string, boolean>> {
  const rows = await db
    .selectFrom("notification_preferences")
    .select(["kind", "email"])
    .where("user_id", "=", userId)
    .execute();
  return new Map(rows.map((r) => [r.kind, r.email === 1]));
}

export function presentNotification(n: Row<"notifications">) {
  return {
    id: n.id,
    kind: n.template,
    caseId: n.case_id,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.created_at,
    readAt: n.read_at,
    actions: n.read_at ? [] : ["read"],
  };
}

export async function listNotifications(
  db: Executor,
  userId: string,
  q: { limit: number; before?: string; unreadOnly?: boolean },
) {
  let query = db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
  if (q.unreadOnly) query = query.where("read_at", "is", null);
  if (q.before) query = query.where("created_at", "<", q.before);
  const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(q.limit).execute();
  const unread = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return { items: rows.map(presentNotification), unread: Number(unread?.n ?? 0) };
}

export function presentOutboxRow(r: Row<"outbox">) {
  return {
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    userId: r.user_id,
    language: r.language,
    template: r.template,
    subject: r.subject,
    text: r.text,
    caseId: r.case_id,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    /** A deadline reminder: what it reminds of (re-checked at send); null for other mail. */
    reminderOf: r.deadline && r.due_date ? { deadline: r.deadline, dueDate: r.due_date } : null,
    cancelReason: r.cancel_reason,
    cancelledAt: r.cancelled_at,
  };
}

export async function listOutbox(
  db: Executor,
  q: { status?: string; caseId?: string; page: number; pageSize: number },
) {
  let query = db.selectFrom("outbox");
  if (q.status) query = query.where("status", "=", q.status);
  if (q.caseId) query = query.where("case_id", "=", q.caseId);
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const byStatus = await db
    .selectFrom("outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const counts: Record<string, number> = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0]));
  for (const s of byStatus) counts[s.status] = Number(s.n);
  return {
    items: rows.map(presentOutboxRow),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
    counts,
  };
}
